/**
 * Shared setup of the conformance suite: a fresh emulator database (temp SQLite file) served on
 * 127.0.0.1 with an ephemeral port, and the REAL @cloudbase/node-sdk pointed at it.
 */
import './sdk-env';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { openDatabase, type CollectionsFile, type EmulatorDatabase, type IndexDecl } from '../../emulator/db/index';
import { startDatabaseServer } from '../../emulator/db/http-server';

/* The SDK's typings are mostly `any`; this is the slice the tests use. */
export type SdkDb = any;

export interface Emu {
  db: SdkDb;
  emu: EmulatorDatabase;
  url: string;
  file: string;
  dir: string;
  close(): Promise<void>;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'emu-db-test-'));
}

export function sdkFor(url: string): SdkDb {
  const app = tcb.init({
    env: 'local-dev',
    secretId: 'local',
    secretKey: 'local',
    serviceUrl: url,
    keepalive: true,
  } as never);
  return app.database();
}

/** An index as the collections file declares it, its keys in order: `index('at', { g: 1, at: -1 })`. */
export function index(name: string, keys: Record<string, 1 | -1>, opts: { unique?: boolean } = {}): IndexDecl {
  return { name, unique: opts.unique === true, keys: Object.entries(keys).map(([field, order]) => ({ field, order })) };
}

/** The collections file declaring these indexes, by collection. */
export function indexed(indexes: Record<string, IndexDecl[]>): CollectionsFile {
  return { collections: Object.fromEntries(Object.entries(indexes).map(([name, list]) => [name, { indexes: list }])) };
}

/**
 * A fresh emulator database on a temp file, served on an ephemeral port; `indexes` declares
 * collections with their indexes (as the collections file would), by collection.
 */
export async function startEmu(
  opts: { indexes?: Record<string, IndexDecl[]>; now?: () => number; dir?: string; transactionTimeoutMs?: number } = {},
): Promise<Emu> {
  const dir = opts.dir ?? tempDir();
  const file = path.join(dir, 'db.sqlite');
  const emu = openDatabase({
    file,
    ...(opts.indexes ? { collections: indexed(opts.indexes) } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.transactionTimeoutMs ? { transactionTimeoutMs: opts.transactionTimeoutMs } : {}),
  });
  const server = await startDatabaseServer({ db: emu, port: 0, host: '127.0.0.1' });
  return {
    db: sdkFor(server.url),
    emu,
    url: server.url,
    file,
    dir,
    async close() {
      await server.close();
      emu.close();
    },
  };
}

/** Awaits a promise expected to reject with a TcbError; returns its code and message. */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    return { code: String(code), message: String(message) };
  }
  throw new Error('expected the call to fail');
}

/** Awaits a promise expected to reject with a TcbError; returns its code. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  return (await errorOf(p)).code;
}
