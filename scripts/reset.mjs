#!/usr/bin/env node
/**
 * `npm run reset`: empties the local data directory (DATA_DIR, default ./.data); the next
 * `npm start` seeds the lived-in demo into it again — copied from today's seed template
 * (SEED_TEMPLATE_DIR, default ./.data-template) when it is still valid. `npm run reset -- --all`
 * removes the template too, so the next start plays the year again.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { root } from './lib.mjs';

const dataDir = resolve(process.env.DATA_DIR ?? join(root, '.data'));
rmSync(dataDir, { recursive: true, force: true });
console.log(`Removed ${dataDir}; the next \`npm start\` seeds the lived-in demo again.`);
if (process.argv.includes('--all')) {
  const templateDir = resolve(process.env.SEED_TEMPLATE_DIR ?? join(root, '.data-template'));
  rmSync(templateDir, { recursive: true, force: true });
  console.log(`Removed the seed template ${templateDir}.`);
}
