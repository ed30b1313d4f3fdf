/**
 * Starts the real `npm start` entry (scripts/start.mjs) on a free port with its own data
 * directory, and stops it. Used by the end-to-end tests: they exercise exactly what a user runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface StartedApp {
  url: string;
  dataDir: string;
  /** The server's per-start admin token (`/admin/<token>`), read from `<dataDir>/.admin-token`. */
  adminToken: () => string;
  output: () => string;
  stop: () => Promise<void>;
}

const root = resolve(__dirname, '..', '..');

export async function startApp({
  dataDir,
  timeoutMs = 300_000,
}: { dataDir?: string; timeoutMs?: number } = {}): Promise<StartedApp> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'hongse-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    // The browser tests start from the bare demo community (their stories assume no history);
    // DEMO_HISTORY=on gives them the lived-in demo `npm start` seeds.
    env: { ...process.env, PORT: '0', DATA_DIR: dir, DEMO_HISTORY: process.env.DEMO_HISTORY ?? 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /local server ready: (http:\/\/[^\s/]+)\//.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  return {
    url,
    dataDir: dir,
    adminToken: () => readFileSync(join(dir, '.admin-token'), 'utf8').trim(),
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
