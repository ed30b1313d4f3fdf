/**
 * The crash bench's handle on a real local server (emulator/main.ts) running as a detached
 * child — its own process group — so that `kill -9` of the group kills everything it started,
 * as `kill -9 -<pgid>` of `npm start` would. Its HTTP client (calls and the admin database
 * protocol) is tests/support/server-client.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { untilReady } from '../../tests/support/local-server';

const root = resolve(__dirname, '..', '..');

export interface RunningServer {
  url: string;
  pid: number;
  token: string;
  /** SIGKILL to the whole process group; resolves once the child has exited. */
  kill9: () => Promise<void>;
  /** SIGTERM (a clean stop); resolves once the child has exited. */
  stop: () => Promise<void>;
  log: () => string;
}

export async function startServer(dataDir: string, timeoutMs = 60_000): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'emulator', 'main.ts')], {
    cwd: root,
    // TIMERS off: nothing but the next request may heal what a crash left.
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, TIMERS: 'off', DEMO_HISTORY: 'off', HONGSE_CRASH_AT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const { url, log } = await untilReady(child, timeoutMs);
  const pid = child.pid!;
  const token = readFileSync(join(dataDir, '.admin-token'), 'utf8').trim();
  return {
    url,
    pid,
    token,
    log,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-pid, 'SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-pid, 'SIGTERM');
      await exited;
    },
  };
}
