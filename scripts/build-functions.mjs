#!/usr/bin/env node
/**
 * Bundles each cloud function (`cloudfunctions/<area>/src/index.ts`) into a deployable
 * `cloudfunctions/<area>/index.js` (CommonJS, Node 16, `@cloudbase/node-sdk` left external and
 * listed in that function's own package.json). Folders starting with `_` hold shared code and
 * are not functions. The local function host loads exactly these bundles.
 *
 * Usage: node scripts/build-functions.mjs [--quiet]
 */
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const functionsDir = join(root, 'cloudfunctions');
const quiet = process.argv.includes('--quiet');

export function functionNames() {
  return readdirSync(functionsDir)
    .filter((name) => !name.startsWith('_') && statSync(join(functionsDir, name)).isDirectory())
    .filter((name) => existsSync(join(functionsDir, name, 'src', 'index.ts')))
    .sort();
}

export async function buildFunctions() {
  const names = functionNames();
  const results = [];
  for (const name of names) {
    const dir = join(functionsDir, name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const external = Object.keys(manifest.dependencies ?? {});
    const started = Date.now();
    await build({
      entryPoints: [join(dir, 'src', 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external,
      minify: true,
      keepNames: true,
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
      tsconfig: join(root, 'tsconfig.json'),
    });
    const bytes = statSync(join(dir, 'index.js')).size;
    results.push({ name, bytes, ms: Date.now() - started });
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await buildFunctions();
  if (!quiet) {
    for (const r of results)
      console.log(`built cloudfunctions/${r.name}/index.js  ${(r.bytes / 1024).toFixed(1)} KB  ${r.ms} ms`);
  }
}
