/**
 * The store layer every area reads through: one document by id (`getById`, typed by the
 * collection's schema in types/documents.ts, and `mustGetById`, which refuses a missing one with
 * the caller's error; `getByIdWith` when what it refers to is joined in the same request),
 * documents by id (`getByIds`), a whole result set page by page (`getAll`), recognising the
 * database's duplicate-key error, and turning stored times into the ISO strings results carry.
 * Collections are named `Collections.<name>` (./collections). An area keeps a
 * named wrapper (e.g. `mustFindWish`) only when it adds meaning: its own not-found refusal or a
 * natural key.
 */
import type { AppError } from '../../types/errors';
import type { DocOf } from '../../types/documents';
import type { Ctx } from './context';
import type { CollectionName } from './collections';
import type { Database } from './database';

type Query = ReturnType<ReturnType<Database['collection']>['where']>;
/** An aggregation on one collection (each stage returns the pipeline). */
export type Pipeline = ReturnType<ReturnType<Database['collection']>['aggregate']>;

/** A `$lookup` by equality: the documents of `from` whose `foreignField` equals the row's `localField`, as `as`. */
export interface Lookup {
  from: CollectionName;
  localField: string;
  foreignField: string;
  as: string;
}

/** Largest page the database returns for one `get()`. */
const MAX_PAGE = 1000;
/** How many ids go into one `_.in` query. */
const IN_CHUNK = 100;

/** True for the database's answer to an `_id` or unique-index collision. */
export function isDuplicateWrite(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  return e.code === 'DATABASE_DUPLICATE_WRITE' || (typeof e.message === 'string' && /DUPLICATE_WRITE/.test(e.message));
}

/** One document of `collection` by `_id` (one request), or null. */
export async function getById<C extends CollectionName>(ctx: Ctx, collection: C, id: string): Promise<DocOf<C> | null>;
export async function getById(ctx: Ctx, collection: CollectionName, id: string): Promise<unknown> {
  const res = await ctx.db.collection(collection).where({ _id: id }).limit(1).get();
  return (res.data as unknown[])[0] ?? null;
}

/**
 * One document of `collection` by `_id` with the stages `then` adds after it (lookups of what
 * it refers to, computed fields), in one request; null when there is none. `Row` is the
 * document with what the stages add.
 */
export async function getByIdWith<Row>(
  ctx: Ctx,
  collection: CollectionName,
  id: string,
  then: (one: Pipeline) => Pipeline,
): Promise<Row | null> {
  const res = await then(ctx.db.collection(collection).aggregate().match({ _id: id }).limit(1)).end();
  return ((res.data ?? []) as Row[])[0] ?? null;
}

/** One document of `collection` by `_id`; `notFound()` is thrown when there is none. */
export async function mustGetById<C extends CollectionName>(
  ctx: Ctx,
  collection: C,
  id: string,
  notFound: () => AppError,
): Promise<DocOf<C>> {
  const doc = await getById(ctx, collection, id);
  if (!doc) throw notFound();
  return doc;
}

/** Documents of `collection` by `_id`, as a map (missing ids are simply absent). */
export async function getByIds<C extends CollectionName>(
  ctx: Ctx,
  collection: C,
  ids: Iterable<string>,
): Promise<Map<string, DocOf<C>>>;
export async function getByIds<T extends { _id: string }>(
  ctx: Ctx,
  collection: CollectionName,
  ids: Iterable<string>,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, T>();
  const _ = ctx.db.command;
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const chunk = unique.slice(i, i + IN_CHUNK);
    const res = await ctx.db
      .collection(collection)
      .where({ _id: _.in(chunk) })
      .limit(chunk.length)
      .get();
    for (const doc of res.data as T[]) out.set(doc._id, doc);
  }
  return out;
}

/**
 * Every document a query matches, read in pages ordered by `_id` (after any order the query
 * already has), for community-sized sets, not whole tables.
 */
export async function getAll<T>(query: Query): Promise<T[]> {
  const ordered = query.orderBy('_id', 'asc');
  const out: T[] = [];
  for (;;) {
    const res = await ordered.skip(out.length).limit(MAX_PAGE).get();
    const page = res.data as T[];
    out.push(...page);
    if (page.length < MAX_PAGE) return out;
  }
}

/** A stored time (a Date from the database, or a string) as ISO-8601. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
