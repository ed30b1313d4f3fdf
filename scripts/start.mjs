#!/usr/bin/env node
/**
 * `npm start`: builds the cloud functions and the H5 app (when stale), then runs the local
 * server (emulator/main.ts) in the foreground. PORT and DATA_DIR are honoured.
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
