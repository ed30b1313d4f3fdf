/**
 * The seed template (emulator/seed/template.ts): a new data folder gets a copy of today's
 * template made from the current bundles and seed sources; a template of another day or other
 * inputs, or one whose seeding failed, is never copied.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedReport } from '../../emulator/seed/history';
import { copyTemplate, makeTemplate, seedKey, templateFor } from '../../emulator/seed/template';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hongse-template-'));
  for (const [file, text] of [
    ['cloudfunctions/wish/index.js', 'exports.main = 1;'],
    ['cloudfunctions/wish/config.json', '{}'],
    ['emulator/seed/history/wish.ts', 'export {};'],
    ['database/collections.json', '{}'],
  ] as const) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const report: SeedReport = { people: 1, households: 1, calls: 3, ms: 10, modules: { wish: { wishes: 1 } } };
const fakeSeed = async (dir: string) => {
  writeFileSync(join(dir, 'database.sqlite'), 'seeded');
  mkdirSync(join(dir, 'storage'));
  writeFileSync(join(dir, 'storage', 'photo.png'), 'png');
  writeFileSync(join(dir, '.admin-token'), 'secret');
  return report;
};

test('the key changes with the China date, a function bundle or a seed source, and nothing else', () => {
  const day = new Date('2026-12-06T10:00:00Z');
  const key = seedKey(root, day);
  expect(seedKey(root, new Date('2026-12-06T15:59:00Z'))).toBe(key); // 23:59 in China
  expect(seedKey(root, new Date('2026-12-06T16:00:00Z'))).not.toBe(key); // the next China day
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'app.tsx'), 'export {};'); // the app is not an input of the seed
  expect(seedKey(root, day)).toBe(key);
  writeFileSync(join(root, 'cloudfunctions/wish/index.js'), 'exports.main = 2;');
  const afterBundle = seedKey(root, day);
  expect(afterBundle).not.toBe(key);
  writeFileSync(join(root, 'emulator/seed/history/wish.ts'), 'export const x = 1;');
  expect(seedKey(root, day)).not.toBe(afterBundle);
});

test('a template made for a key is found for that key only, and copies its data without its key or token', async () => {
  const templateDir = join(root, '.data-template');
  const dataDir = join(root, '.data');
  await makeTemplate(templateDir, 'day-1 abc', fakeSeed);
  expect(templateFor(templateDir, 'day-1 abc')).toEqual(report);
  expect(templateFor(templateDir, 'day-2 abc')).toBeNull();
  copyTemplate(templateDir, dataDir);
  expect(readFileSync(join(dataDir, 'database.sqlite'), 'utf8')).toBe('seeded');
  expect(readFileSync(join(dataDir, 'storage', 'photo.png'), 'utf8')).toBe('png');
  expect(existsSync(join(dataDir, '.admin-token'))).toBe(false);
  expect(existsSync(join(dataDir, '.seed-key'))).toBe(false);
});

test('a seeding that fails leaves no valid template behind, even where one was', async () => {
  const templateDir = join(root, '.data-template');
  await makeTemplate(templateDir, 'day-1 abc', fakeSeed);
  await expect(
    makeTemplate(templateDir, 'day-1 abc', async () => {
      throw new Error('seed refused');
    }),
  ).rejects.toThrow('seed refused');
  expect(templateFor(templateDir, 'day-1 abc')).toBeNull();
});
