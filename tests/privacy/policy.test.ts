/**
 * The 隐私保护指引 in three places stays one text: the items in src/features/privacy/policy.ts,
 * the admin-console form items in docs/privacy.md (copied there word for word), and the
 * privacy-bound APIs guarded.ts wraps — each wrapped API is declared in the form, and each
 * declared API is one we wrap.
 */
import fs from 'node:fs';
import path from 'node:path';
import { consoleItemsCollectedByUs, consoleItemsForApis, policySections } from '../../src/features/privacy/policy';

const ROOT = path.resolve(__dirname, '../..');
const doc = fs.readFileSync(path.join(ROOT, 'docs/privacy.md'), 'utf8');
const guarded = fs.readFileSync(path.join(ROOT, 'src/shared/privacy/guarded.ts'), 'utf8');

/** The table rows of docs/privacy.md, as arrays of trimmed cells. */
const rows = doc
  .split('\n')
  .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

test('docs/privacy.md lists every API-bound item with its API and purpose word for word', () => {
  for (const item of consoleItemsForApis) {
    expect(rows).toContainEqual([item.info, item.apis.join('、'), item.purpose]);
  }
});

test('docs/privacy.md lists every item we collect ourselves with its purpose word for word', () => {
  for (const item of consoleItemsCollectedByUs) {
    expect(rows).toContainEqual([item.info, item.purpose]);
  }
});

test('the APIs declared for the form are exactly the ones guarded.ts wraps', () => {
  const wrapped = [...guarded.matchAll(/export async function (\w+)\(/g)].map((m) => `wx.${m[1]!}`).sort();
  const declared = consoleItemsForApis.flatMap((item) => item.apis).sort();
  expect(declared).toEqual(wrapped);
});

test('the in-app text names every item, what openid is for, and how to withdraw', () => {
  const text = policySections.flatMap((s) => [s.heading, ...s.paragraphs]).join('\n');
  for (const item of [...consoleItemsCollectedByUs, ...consoleItemsForApis]) {
    expect(text).toContain(item.info);
    expect(text).toContain(item.purpose);
  }
  expect(text).toContain('openid');
  expect(text).toContain('撤回同意');
  expect(text).toContain('位置');
  expect(text).toMatch(/谁能看到/);
  expect(text).toMatch(/保存多久/);
});
