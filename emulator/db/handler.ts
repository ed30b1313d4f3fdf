/**
 * Protocol dispatch: one decoded JSON request body of the SDK's database protocol in, one JSON
 * reply body out (always HTTP 200).
 * Invariants:
 *  - never throws: DbErrors become {requestId, code, message}; anything else becomes
 *    DATABASE_REQUEST_FAILED with a generic message (no stack traces leak);
 *  - EJSON parameters are decoded with the injected clock (serverDate);
 *  - limit defaults to 100 and is capped at 1000 (CloudBase's documented ceiling: a larger
 *    limit returns at most 1000); offset and limit are non-negative integers;
 *  - an order is `{ field: 1 | -1 }` (what the SDK's orderBy sends) or a list of
 *    `{ field, direction: 'asc' | 'desc' }`, with non-empty fields; any other direction is
 *    INVALID_PARAM, as CloudBase refuses it (MongoDB sort keys are 1 or -1) — never silently
 *    sorted ascending.
 */
import { aggregate } from './aggregate';
import { decodeText, encodeValue, isPlainObject, reviveValue, type Clock, type Doc } from './ejson-codec';
import type { Engine } from './engine';
import { DbError, invalidParam } from './errors';
import type { SortSpec } from './planner';
import { project } from './query-exec';

export type Body = Record<string, unknown>;
export type Reply = Record<string, unknown>;

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export interface Stats {
  requests: number;
  byAction: Record<string, number>;
}

function decodeParam(v: unknown, name: string, now: Clock): unknown {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') {
    try {
      return decodeText(v, now);
    } catch {
      throw invalidParam(`${name} is not valid EJSON`);
    }
  }
  return reviveValue(v, now);
}

function objectParam(v: unknown, name: string, now: Clock): Doc | undefined {
  const d = decodeParam(v, name, now);
  if (d === undefined) return undefined;
  if (!isPlainObject(d)) throw invalidParam(`${name} must be an object`);
  return d;
}

function intParam(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw invalidParam(`${name} must be a non-negative integer`);
  return n;
}

function sortParam(v: unknown, now: Clock): SortSpec {
  const d = decodeParam(v, 'order', now);
  if (d === undefined) return [];
  const dir = (x: unknown, allowed: readonly [unknown, unknown]): 1 | -1 => {
    if (x === allowed[0]) return 1;
    if (x === allowed[1]) return -1;
    throw invalidParam(`order direction must be ${String(allowed[0])} or ${String(allowed[1])}`);
  };
  const field = (x: unknown): string => {
    if (typeof x !== 'string' || x.length === 0) throw invalidParam('order field must be a non-empty string');
    return x;
  };
  if (Array.isArray(d)) {
    return d.map((o) => {
      if (!isPlainObject(o)) throw invalidParam('bad order');
      return [field(o['field']), dir(o['direction'], ['asc', 'desc'])] as [string, 1 | -1];
    });
  }
  if (!isPlainObject(d)) throw invalidParam('order must be an object');
  return Object.keys(d).map((k) => [field(k), dir(d[k], [1, -1])] as [string, 1 | -1]);
}

function insertDocs(v: unknown, now: Clock): Doc[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  if (list.length === 0) throw invalidParam('data is required');
  return list.map((x) => {
    const d = decodeParam(x, 'data', now);
    if (!isPlainObject(d)) throw invalidParam('each document must be an object');
    return d;
  });
}

/** Requests a transaction takes (an insert: one document, checked by the engine). */
const IN_TRANSACTION = new Set([
  'database.insertDocument',
  'database.getDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
  'database.commitTransaction',
  'database.abortTransaction',
]);

/**
 * CloudBase allows only single-record operations in a transaction (WeChat's
 * `Database.runTransaction` reference, "限制"): `doc(id).get/update/set/remove` and `add`. A
 * query by condition there is refused, as on the real service. (The SDK sends a `where` update, a
 * count and an aggregation made on a transaction's collection WITHOUT the transaction: they run
 * outside it, here as there — never use them on `tx`.)
 */
function singleRecordOnly(action: string, b: Body): void {
  const single = action === 'database.insertDocument' || b['queryType'] === 'DOC' || action.endsWith('Transaction');
  if (!IN_TRANSACTION.has(action) || !single) {
    throw new DbError('DATABASE_ACTION_NOT_SUPPORTED', 'a transaction takes single-record operations only');
  }
}

export class Handler {
  private seq = 0;
  readonly stats: Stats = { requests: 0, byAction: {} };

  constructor(
    private readonly engine: Engine,
    private readonly now: Clock,
  ) {}

  handle(body: Body): Reply {
    const requestId = `emu-${Date.now().toString(36)}-${(++this.seq).toString(36)}`;
    const action = typeof body['action'] === 'string' ? body['action'] : '';
    this.stats.requests++;
    this.stats.byAction[action] = (this.stats.byAction[action] ?? 0) + 1;
    try {
      this.engine.txm.sweep();
      return { requestId, ...this.dispatch(action, body) };
    } catch (e) {
      if (e instanceof DbError) return { requestId, code: e.code, message: e.message };
      return { requestId, code: 'DATABASE_REQUEST_FAILED', message: 'internal database error' };
    }
  }

  private dispatch(action: string, b: Body): Reply {
    const e = this.engine;
    const now = this.now;
    const coll = b['collectionName'];
    const txId = b['transactionId'];
    if (txId !== undefined && txId !== null && txId !== '') singleRecordOnly(action, b);
    switch (action) {
      case 'database.addCollection': {
        if (typeof coll !== 'string' || !coll) throw invalidParam('collectionName is required');
        e.storage.create(coll);
        return { data: {} };
      }
      case 'database.insertDocument': {
        const ids = e.insert(coll, insertDocs(b['data'], now), txId);
        return { data: { insertedIds: ids } };
      }
      case 'database.getDocument': {
        const query = objectParam(b['query'], 'query', now) ?? {};
        const offset = intParam(b['offset'], 'offset') ?? 0;
        let limit = intParam(b['limit'], 'limit') ?? DEFAULT_LIMIT;
        if (limit === 0) limit = DEFAULT_LIMIT;
        limit = Math.min(limit, MAX_LIMIT);
        const projection = objectParam(b['projection'], 'projection', now);
        const items = e.find(coll, query, { sort: sortParam(b['order'], now), skip: offset, limit }, txId);
        const list =
          projection && Object.keys(projection).length > 0
            ? project(
                items.map((i) => i.doc),
                projection,
              ).map(encodeValue)
            : items.map((i) => i.text);
        return { data: { list, offset, limit } };
      }
      case 'database.calculateDocument': {
        const query = objectParam(b['query'], 'query', now) ?? {};
        return { data: { total: e.count(coll, query, txId) } };
      }
      case 'database.modifyDocument':
      case 'database.modifyAndReturnDoc': {
        const query = objectParam(b['query'], 'query', now) ?? {};
        const data = objectParam(b['data'], 'data', now);
        if (!data) throw invalidParam('data is required');
        const andReturn = action === 'database.modifyAndReturnDoc';
        const hasOps = Object.keys(data).some((k) => k.charCodeAt(0) === 36);
        const merge = andReturn ? hasOps || b['merge'] !== false : b['merge'] !== false;
        const r = e.modify(
          coll,
          query,
          merge && !hasOps ? { $set: data } : data,
          { multi: andReturn ? false : b['multi'] === true, merge, upsert: b['upsert'] === true },
          txId,
        );
        if (andReturn) return { data: { updated: r.updated, doc: r.doc ? r.doc.text : null } };
        return { data: { updated: r.updated, upsert_id: r.upsertId } };
      }
      case 'database.removeDocument': {
        const query = objectParam(b['query'], 'query', now) ?? {};
        return { data: { deleted: e.remove(coll, query, b['multi'] === true, txId) } };
      }
      case 'database.aggregateDocuments':
      case 'database.aggregate': {
        const stages = b['stages'];
        if (!Array.isArray(stages)) throw invalidParam('stages must be an array');
        const pipeline = stages.map((s) => {
          if (!isPlainObject(s) || typeof s['stageKey'] !== 'string') throw invalidParam('bad stage');
          return { [s['stageKey']]: decodeParam(s['stageValue'], 'stageValue', now) } as Doc;
        });
        const list = aggregate(e.storage, coll, pipeline).map(encodeValue);
        return { data: { list } };
      }
      case 'database.startTransaction':
        return { transactionId: e.startTransaction().id };
      case 'database.commitTransaction':
        e.commitTransaction(txId);
        return { data: {} };
      case 'database.abortTransaction':
        e.abortTransaction(txId);
        return { data: {} };
      default:
        throw new DbError('DATABASE_ACTION_NOT_SUPPORTED', `unknown action ${action || '(none)'}`);
    }
  }
}
