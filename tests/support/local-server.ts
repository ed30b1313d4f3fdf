/**
 * Starts the real `npm start` entry (scripts/start.mjs) on a free port with its own data
 * directory, and stops it. Used by the end-to-end tests: they exercise exactly what a user runs.
 * (The crash bench starts its own server the same way: `untilReady`.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
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

/**
 * Waits for a starting server's `local server ready: <url>/` line (on stdout or stderr) and
 * resolves with that URL and the output so far (and to come); rejects if the server exits first
 * or is not ready within `timeoutMs`.
 */
export function untilReady(child: ChildProcess, timeoutMs: number): Promise<{ url: string; log: () => string }> {
  let log = '';
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /local server ready: (http:\/\/[^\s/]+)\//.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveReady({ url: match[1], log: () => log });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${log}`));
    });
  });
}

/**
 * Where the seeded starts keep the lived-in demo's template (one per checkout, outside it), so a
 * run seeds the year once a day and every later start copies it, as `npm start` does.
 */
const seedTemplateDir = join(
  tmpdir(),
  `hongse-e2e-template-${createHash('sha1').update(root).digest('hex').slice(0, 8)}`,
);

/**
 * `history`: the lived-in demo `npm start` seeds (a year of the community, ADR 0027); without it
 * the bare demo community (people, households, roles), which most browser stories assume.
 * DEMO_HISTORY=on in the environment gives every start the history.
 */
export async function startApp({
  dataDir,
  timeoutMs = 300_000,
  history = process.env.DEMO_HISTORY === 'on',
}: { dataDir?: string; timeoutMs?: number; history?: boolean } = {}): Promise<StartedApp> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'hongse-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dir,
      DEMO_HISTORY: history ? 'on' : 'off',
      SEED_TEMPLATE_DIR: process.env.SEED_TEMPLATE_DIR ?? seedTemplateDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { url, log } = await untilReady(child, timeoutMs);
  return {
    url,
    dataDir: dir,
    adminToken: () => readFileSync(join(dir, '.admin-token'), 'utf8').trim(),
    output: log,
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
