#!/usr/bin/env node
/**
 * `npm start`: builds the cloud functions and the H5 app (when stale), then runs the local
 * server (emulator/main.ts) in the foreground. PORT, DATA_DIR, SEED_TEMPLATE_DIR and
 * SEED_TEMPLATE=off are honoured: a new data directory gets the lived-in demo (a year of the
 * demo community, played through the real actions), copied from today's seed template when
 * there is one (see emulator/main.ts).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildFunctions } from './build-functions.mjs';
import { buildApp, root } from './lib.mjs';

await buildFunctions();
await buildApp('h5');
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'emulator', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
