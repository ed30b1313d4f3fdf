/**
 * Query execution: candidate rows from the planner, re-checked with the matcher (the engine's own
 * for common shapes, else mingo), then sort/skip/limit.
 * Invariants:
 *  - every returned document satisfies the query according to mingo (the planner only narrows;
 *    the native matcher agrees with mingo on every query it accepts);
 *  - when the plan is `ordered`, rows come from SQLite in pages and reading stops after
 *    skip+limit matches; otherwise all matches are collected and sorted with mingo (MongoDB order);
 *  - a pure {_id: scalar} query is answered by a primary-key lookup.
 */
import { Query, find as mingoFind } from 'mingo';
import { Context } from 'mingo/core';
import * as queryOperators from 'mingo/operators/query';
import { Query as BaseQuery } from 'mingo/query';
import { decodeDoc, isPlainObject, type Doc } from './ejson-codec';
import { DbError } from './errors';
import { idKey } from './key-encoding';
import { nativeMatcher } from './native-matcher';
import { plan, type SortSpec } from './planner';
import type { CollectionStore, Row } from './storage';

/** A document as stored (EJSON text), decoded on first access. */
export class Item {
  readonly text: string;
  readonly rid: number | undefined;
  private decoded: Doc | undefined;
  constructor(text: string, rid?: number, doc?: Doc) {
    this.text = text;
    this.rid = rid;
    this.decoded = doc;
  }
  get doc(): Doc {
    return (this.decoded ??= decodeDoc(this.text));
  }
}

export interface FindOptions {
  sort: SortSpec;
  skip: number;
  limit: number;
}

export type Matcher = (doc: Doc) => boolean;

/** Wraps mingo failures (bad operators, bad projections) into INVALID_PARAM. */
export function mingoCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DbError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new DbError('INVALID_PARAM', `invalid query: ${msg}`);
  }
}

/**
 * mingo copies its whole operator context for every Query it builds; a context holding only the
 * query operators makes that 2-3x cheaper. Queries using $expr/$where get the full context.
 */
const QUERY_CONTEXT = Context.init({
  query: queryOperators as unknown as NonNullable<Parameters<typeof Context.init>[0]>['query'],
});

function needsExpressions(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(needsExpressions);
  if (!isPlainObject(v)) return false;
  for (const k of Object.keys(v)) {
    if (k === '$expr' || k === '$where' || k === '$jsonSchema') return true;
    if (needsExpressions(v[k])) return true;
  }
  return false;
}

export function compileMatcher(query: Doc): Matcher {
  if (Object.keys(query).length === 0) return () => true;
  const pid = pointId(query);
  if (pid !== undefined) return (doc) => doc['_id'] === pid;
  // The common shapes (equalities, $in, ranges, $and/$or of them) without building a mingo Query:
  // building one per request was ≈ 30 % of the engine's time in the sign-up burst
  // (tests/emulator/native-matcher.test.ts checks it against mingo).
  const native = nativeMatcher(query);
  if (native) return native;
  const q = mingoCall(() =>
    needsExpressions(query) ? new Query(query) : new BaseQuery(query, { context: QUERY_CONTEXT }),
  );
  return (doc) => q.test(doc);
}

/** The _id of a query of the exact form {_id: scalar}, if it is one. */
export function pointId(query: Doc): string | number | undefined {
  const keys = Object.keys(query);
  if (keys.length !== 1 || keys[0] !== '_id') return undefined;
  let v = query['_id'];
  if (isPlainObject(v)) {
    const ks = Object.keys(v);
    if (ks.length !== 1 || ks[0] !== '$eq') return undefined;
    v = v['$eq'];
  }
  return idKey(v);
}

function sortObject(sort: SortSpec): Record<string, 1 | -1> {
  const o: Record<string, 1 | -1> = {};
  for (const [f, d] of sort) o[f] = d;
  return o;
}

/** Sorts items by their documents in MongoDB order (stable). */
export function sortItems<T>(items: T[], docOf: (t: T) => Doc, sort: SortSpec): T[] {
  if (sort.length === 0 || items.length < 2) return items;
  const byDoc = new Map<Doc, T>();
  for (const it of items) byDoc.set(docOf(it), it);
  const sorted = mingoCall(
    () =>
      mingoFind([...byDoc.keys()], {})
        .sort(sortObject(sort))
        .all() as Doc[],
  );
  return sorted.map((d) => byDoc.get(d) as T);
}

export function project(docs: Doc[], projection: Doc): Doc[] {
  if (Object.keys(projection).length === 0) return docs;
  return mingoCall(() => mingoFind(docs, {}, projection).all() as Doc[]);
}

/** Finds matching committed documents. */
export function findCommitted(c: CollectionStore, query: Doc, matcher: Matcher, opts: FindOptions): Item[] {
  const out: Item[] = [];
  if (opts.limit <= 0) return out;
  const pid = pointId(query);
  if (pid !== undefined) {
    const row = c.getById(pid);
    if (row && opts.skip === 0) out.push(new Item(row.doc, row.rid));
    return out;
  }
  const p = plan(c, query, opts.sort);
  if (p.ordered) {
    // Pages of LIMIT/OFFSET: most pushed-down queries are exact, so the first page usually
    // suffices; pages grow geometrically when mingo rejects candidates.
    const want = opts.skip + opts.limit;
    const stmt = c.prepare(`${p.sql} LIMIT ? OFFSET ?`);
    let seen = 0;
    let offset = 0;
    let page = Number.isFinite(want) ? Math.max(want, 16) : 1000;
    for (;;) {
      const rows = stmt.all(...p.params, page, offset) as Row[];
      for (const row of rows) {
        const doc = decodeDoc(row.doc);
        if (!matcher(doc)) continue;
        if (seen++ >= opts.skip) out.push(new Item(row.doc, row.rid, doc));
        if (seen >= want) return out;
      }
      if (rows.length < page) return out;
      offset += rows.length;
      page = Math.min(page * 4, 100_000);
    }
  }
  const it = c.prepare(p.sql).iterate(...p.params) as IterableIterator<Row>;
  const all: Item[] = [];
  for (const row of it) {
    const doc = decodeDoc(row.doc);
    if (matcher(doc)) all.push(new Item(row.doc, row.rid, doc));
  }
  return sortItems(all, (f) => f.doc, opts.sort).slice(opts.skip, opts.skip + opts.limit);
}

/** Counts matching committed documents. */
export function countCommitted(c: CollectionStore, query: Doc, matcher: Matcher): number {
  const pid = pointId(query);
  if (pid !== undefined) return c.getById(pid) ? 1 : 0;
  const p = plan(c, query, []);
  let n = 0;
  for (const row of c.prepare(p.sql).iterate(...p.params) as IterableIterator<Row>) {
    if (matcher(decodeDoc(row.doc))) n++;
  }
  return n;
}
