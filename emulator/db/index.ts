/**
 * Public entry point of the CloudBase document-database emulator.
 * Invariants:
 *  - collections declared in the collections file exist (with their indexes) once
 *    openDatabase returns; re-opening with the same declarations changes nothing;
 *  - handle() never throws (see handler.ts).
 */
import { normalizeCollections, type CollectionsFile } from './collections-config';
import { Engine } from './engine';
import { Handler } from './handler';
import { Storage } from './storage';

export type { CollectionsFile, CollectionDecl, IndexDecl, IndexKeyDecl } from './collections-config';

export interface DatabaseOptions {
  /** SQLite path, or ':memory:' */
  file: string;
  /** parsed database/collections.json */
  collections?: CollectionsFile;
  /** clock for serverDate, default Date.now */
  now?: () => number;
  /** idle timeout of transactions in ms, default 30 s */
  transactionTimeoutMs?: number;
}

export interface EmulatorDatabase {
  /** Handle one decoded JSON request body of the SDK's protocol; returns the JSON reply body (always sent with HTTP 200). */
  handle(body: Record<string, unknown>): Record<string, unknown>;
  /** counts of requests handled by action, for benchmarks/tests */
  stats(): { requests: number; byAction: Record<string, number> };
  close(): void;
}

export function openDatabase(opts: DatabaseOptions): EmulatorDatabase {
  const decls = normalizeCollections(opts.collections);
  const storage = new Storage(opts.file);
  try {
    for (const [name, indexes] of decls) storage.ensure(name, indexes);
  } catch (e) {
    storage.close();
    throw e;
  }
  const now = opts.now ?? Date.now;
  const engine = new Engine(storage, opts.transactionTimeoutMs ?? 30_000);
  const handler = new Handler(engine, now);
  let closed = false;
  return {
    handle(body) {
      if (closed) return { code: 'DATABASE_REQUEST_FAILED', message: 'database is closed' };
      if (typeof body !== 'object' || body === null)
        return { code: 'INVALID_PARAM', message: 'request body must be an object' };
      return handler.handle(body);
    },
    stats() {
      return { requests: handler.stats.requests, byAction: { ...handler.stats.byAction } };
    },
    close() {
      if (closed) return;
      closed = true;
      storage.close();
    },
  };
}
