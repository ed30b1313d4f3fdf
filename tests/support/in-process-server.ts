/**
 * The local server in this process, on a free port, with a fresh data directory and freshly
 * built function bundles — so tests exercise the deployable `cloudfunctions/<name>/index.js`,
 * not the TypeScript sources.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CollectionsFile } from '../../emulator/db';
import { startServer, type RunningServer, type ServerOptions } from '../../emulator/server';

export const root = resolve(__dirname, '..', '..');

let built = false;
export function buildFunctionsOnce(): void {
  if (built) return;
  execFileSync(process.execPath, [join(root, 'scripts', 'build-functions.mjs'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  built = true;
}

export interface TestServer extends RunningServer {
  /** The server's data directory (database, storage, `.admin-token`). */
  dataDir: string;
  /** Calls a cloud function as `openid` (or anonymously) and returns the parsed reply. */
  callAs(openid: string | null, fn: string, action: string, data?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** A local server of this process with its data directory, which `stop` removes. */
export interface LocalServer extends RunningServer {
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The local server in this process on a free port, with a fresh data directory, the project's
 * functions and collections (database/collections.json); `options` replace any of them.
 */
export async function startLocalServer(options: Partial<ServerOptions> = {}): Promise<LocalServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hongse-test-'));
  const server = await startServer({
    port: 0,
    dataDir,
    staticDir: join(root, 'dist', 'h5'),
    functionsDir: join(root, 'cloudfunctions'),
    collections: JSON.parse(readFileSync(join(root, 'database', 'collections.json'), 'utf8')) as CollectionsFile,
    ...options,
  });
  return Object.assign(server, {
    dataDir,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export async function startTestServer(): Promise<TestServer> {
  buildFunctionsOnce();
  const server = await startLocalServer();
  return Object.assign(server, {
    async callAs(openid: string | null, fn: string, action: string, data: unknown = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (openid) headers['x-local-openid'] = openid;
      const res = await fetch(`${server.url}/api/functions/${fn}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ action, data }),
      });
      return { status: res.status, body: await res.json() };
    },
  });
}
