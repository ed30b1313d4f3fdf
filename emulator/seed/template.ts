/**
 * The seeded demo, kept as a template data folder so that `npm run reset` followed by
 * `npm start` copies it (milliseconds) instead of playing the year again (seconds). The
 * template is valid for one China calendar day (the history always ends today) and for the
 * exact function bundles, seed sources and collections it was made with: its key is a hash of
 * those, written beside it; any change — or the next day — makes a new one.
 *
 * Invariants: the template is written completely (seeded, server closed, database
 * checkpointed) before its key file, so a half-made template is never copied; the data folder
 * gets a copy, never the template itself.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cstDay } from '../../types/time';
import { ADMIN_TOKEN_FILE } from '../server';
import type { SeedReport } from './history';

const KEY_FILE = '.seed-key';
const REPORT_FILE = '.seed-report.json';

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => keep(name) && statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => join(dir, name));
}

/** The template's key: today's China date and a hash of every input of the seed. */
export function seedKey(root: string, today: Date): string {
  const hash = createHash('sha256');
  const inputs = [
    ...readdirSync(join(root, 'cloudfunctions'))
      .sort()
      .flatMap((fn) => ['index.js', 'config.json'].map((file) => join(root, 'cloudfunctions', fn, file)))
      .filter((file) => existsSync(file)),
    ...filesUnder(join(root, 'emulator', 'seed'), (name) => name.endsWith('.ts')),
    join(root, 'database', 'collections.json'),
  ];
  for (const file of inputs) hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
  return `${cstDay(today)} ${hash.digest('hex')}`;
}

/** The report of a valid template for `key`, or null when there is none (or it is stale). */
export function templateFor(templateDir: string, key: string): SeedReport | null {
  const keyFile = join(templateDir, KEY_FILE);
  if (!existsSync(keyFile) || readFileSync(keyFile, 'utf8') !== key) return null;
  return JSON.parse(readFileSync(join(templateDir, REPORT_FILE), 'utf8')) as SeedReport;
}

/** Makes a fresh template: `seed` fills the (emptied) folder; the key is written last. */
export async function makeTemplate(
  templateDir: string,
  key: string,
  seed: (dir: string) => Promise<SeedReport>,
): Promise<SeedReport> {
  rmSync(templateDir, { recursive: true, force: true });
  mkdirSync(templateDir, { recursive: true });
  const report = await seed(templateDir);
  writeFileSync(join(templateDir, REPORT_FILE), JSON.stringify(report));
  writeFileSync(join(templateDir, KEY_FILE), key);
  return report;
}

/** Copies the template's data (not its key, report or admin token) into an empty data folder. */
export function copyTemplate(templateDir: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  for (const name of readdirSync(templateDir)) {
    if (name === KEY_FILE || name === REPORT_FILE || name === ADMIN_TOKEN_FILE) continue;
    cpSync(join(templateDir, name), join(dataDir, name), { recursive: true });
  }
}
