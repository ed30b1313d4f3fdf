#!/usr/bin/env node
/**
 * Bundles each cloud function (`cloudfunctions/<area>/src/index.ts`) into a deployable
 * `cloudfunctions/<area>/index.js` (CommonJS for the Node version of the function's runtime in
 * cloudbaserc.json — `Nodejs20.19` → esbuild target `node20.19` —, dependencies listed in that
 * function's own package.json left external: CloudBase installs them). Folders
 * starting with `_` hold shared code and are not functions. The local function host loads
 * exactly these bundles.
 *
 * Incremental and atomic: a bundle is rebuilt only when a source it may include is newer, and
 * written to a temporary file then renamed, so a server or test loading bundles never reads a
 * half-written one. `--force` rebuilds all.
 *
 * Usage: node scripts/build-functions.mjs [--quiet] [--force]
 */
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime, root } from './lib.mjs';

const functionsDir = join(root, 'cloudfunctions');

export function functionNames() {
  return readdirSync(functionsDir)
    .filter((name) => !name.startsWith('_') && statSync(join(functionsDir, name)).isDirectory())
    .filter((name) => existsSync(join(functionsDir, name, 'src', 'index.ts')))
    .sort();
}

/** Sources any bundle may include besides its own folder (and what decides how it is built). */
const sharedInputs = [
  'cloudfunctions/_shared',
  'types',
  // Bundled in (the subscription templates): a filled-in config rebuilds every function.
  'deploy/subscriptions.json',
  'package.json',
  'tsconfig.json',
  'cloudbaserc.json',
  'scripts/build-functions.mjs',
];

/**
 * The esbuild target for a function: the Node version of its CloudBase runtime (`Nodejs20.19`
 * → `node20.19`), so the bundle uses no syntax the runtime cannot parse.
 */
export function esbuildTarget(name) {
  const rc = JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8'));
  const runtime = rc.functions.find((f) => f.name === name)?.runtime;
  const match = /^Nodejs(\d+)(?:\.(\d+))?$/.exec(runtime ?? '');
  if (!match) throw new Error(`cloudbaserc.json: function ${name} has no Node.js runtime (runtime: ${runtime})`);
  return `node${match[1]}${match[2] ? `.${match[2]}` : ''}`;
}

export async function buildFunctions({ force = false } = {}) {
  const shared = Math.max(...sharedInputs.map((p) => newestMtime(join(root, p))));
  const results = [];
  // Functions may import one another's helpers (e.g. xlsx building): any function's sources count.
  const allSources = Math.max(...functionNames().map((n) => newestMtime(join(functionsDir, n, 'src'))));
  for (const name of functionNames()) {
    const dir = join(functionsDir, name);
    const outfile = join(dir, 'index.js');
    const inputs = Math.max(
      shared,
      allSources,
      newestMtime(join(dir, 'package.json')),
      newestMtime(join(dir, 'config.json')),
    );
    if (!force && existsSync(outfile) && statSync(outfile).mtimeMs > inputs) {
      results.push({ name, bytes: statSync(outfile).size, ms: 0, skipped: true });
      continue;
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const started = Date.now();
    const out = await build({
      entryPoints: [join(dir, 'src', 'index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: esbuildTarget(name),
      format: 'cjs',
      external: Object.keys(manifest.dependencies ?? {}),
      minify: true,
      keepNames: true,
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
      tsconfig: join(root, 'tsconfig.json'),
      write: false,
    });
    // Map first, bundle last: a reader that sees the new bundle also finds its map.
    const isMap = (f) => Number(f.path.endsWith('.map'));
    const files = [...out.outputFiles].sort((a, b) => isMap(b) - isMap(a));
    for (const file of files) {
      const tmp = `${file.path}.${process.pid}.tmp`;
      writeFileSync(tmp, file.contents);
      renameSync(tmp, file.path);
    }
    results.push({ name, bytes: statSync(outfile).size, ms: Date.now() - started, skipped: false });
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await buildFunctions({ force: process.argv.includes('--force') });
  if (!process.argv.includes('--quiet')) {
    for (const r of results) {
      console.log(
        `${r.skipped ? 'fresh' : 'built'} cloudfunctions/${r.name}/index.js  ${(r.bytes / 1024).toFixed(1)} KB  ${r.ms} ms`,
      );
    }
  }
}
