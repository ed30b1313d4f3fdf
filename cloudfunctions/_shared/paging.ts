/**
 * Cursor (keyset) pagination shared by every list action (docs/adr/0030). A list is ordered by
 * one or two fields and then by `_id`; a page's cursor holds its last row's values of those keys,
 * and the next page is the rows strictly after that row — read with a range on the first key,
 * which the list's index serves, so page 200 costs what page 1 costs, and a row added or removed
 * meanwhile neither repeats a row nor hides one.
 * Invariants: cursors are opaque to clients (base64url of a small JSON array); a cursor that does
 * not decode for the list's order is a VALIDATION error (`page.bad-cursor`) and reads nothing;
 * verbs read `limit + 1` rows, and the extra row only tells whether another page follows.
 */
import type { DocOf } from '../../types/documents';
import { AppError } from '../../types/errors';
import type { CollectionName } from './collections';
import type { Ctx } from './context';

export interface PageArgs {
  cursor?: string | undefined;
  limit: number;
}

export interface OrderKey {
  by: string;
  dir: 'asc' | 'desc';
}

/**
 * How a page is ordered: by `by` in `dir`, then (optionally) by `then`, then by `_id` in the
 * direction of the last key (one order for equal values).
 */
export interface PageOrder extends OrderKey {
  then?: OrderKey;
}

type CursorValue = string | number | boolean | Date | null;

/** Every key of an order, `_id` last. */
export function orderKeys(order: PageOrder): OrderKey[] {
  const keys: OrderKey[] = [{ by: order.by, dir: order.dir }];
  if (order.then) keys.push(order.then);
  if (keys[keys.length - 1]!.by !== '_id') keys.push({ by: '_id', dir: keys[keys.length - 1]!.dir });
  return keys;
}

function tag(value: unknown): [string, unknown] {
  if (value instanceof Date) return ['d', value.toISOString()];
  if (typeof value === 'number') return ['n', value];
  if (typeof value === 'string') return ['s', value];
  if (typeof value === 'boolean') return ['b', value];
  return ['_', null];
}

function untag(tagged: unknown): CursorValue {
  if (!Array.isArray(tagged) || tagged.length !== 2) throw badCursor();
  const [t, raw] = tagged as [unknown, unknown];
  if (t === 'd' && typeof raw === 'string' && !Number.isNaN(Date.parse(raw))) return new Date(raw);
  if (t === 'n' && typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (t === 's' && typeof raw === 'string') return raw;
  if (t === 'b' && typeof raw === 'boolean') return raw;
  if (t === '_' && raw === null) return null;
  throw badCursor();
}

/** The cursor naming a row by its values of an order's keys (`_id` last). */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values.map(tag)), 'utf8').toString('base64url');
}

/** The key values a cursor holds (exactly `count` of them, the last a non-empty id), or VALIDATION `page.bad-cursor`. */
export function decodeCursor(cursor: string, count: number): CursorValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== count) throw badCursor();
  const values = parsed.map(untag);
  const id = values[values.length - 1];
  if (typeof id !== 'string' || id === '') throw badCursor();
  return values;
}

/** The refusal of a cursor this list did not give. */
export function badCursor(): AppError {
  return new AppError('VALIDATION', 'page.bad-cursor', '列表已过期，请下拉刷新后重试', {
    cursor: '列表已过期，请下拉刷新后重试',
  });
}

/**
 * The query condition for the rows after `cursor` in `order`, or undefined on the first page:
 * the first key's inclusive range (which an index on it serves), and then "strictly after" in
 * the order's lexicographic sense: key 1 after, or key 1 equal and key 2 after, … down to `_id`.
 */
export function afterCursor(ctx: Ctx, cursor: string | undefined, order: PageOrder): object | undefined {
  if (cursor === undefined) return undefined;
  const keys = orderKeys(order);
  const values = decodeCursor(cursor, keys.length);
  const _ = ctx.db.command;
  const branches: object[] = [];
  const equal: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    const v = values[i];
    if (v !== null) branches.push({ ...equal, [key.by]: key.dir === 'desc' ? _.lt(v) : _.gt(v) });
    equal[key.by] = v;
  });
  if (branches.length === 0) return { _id: _.in([]) };
  const first = values[0];
  const after = branches.length === 1 ? branches[0]! : _.or(branches);
  if (keys.length === 1 || first === null) return after;
  return _.and([{ [keys[0]!.by]: keys[0]!.dir === 'desc' ? _.lte(first) : _.gte(first) }, after]);
}

/** `where` and the rows after the cursor, as one condition. */
export function whereAfter(ctx: Ctx, where: object, cursor: string | undefined, order: PageOrder): object {
  const after = afterCursor(ctx, cursor, order);
  return after === undefined ? where : ctx.db.command.and([where, after]);
}

/** A row's values of an order's keys (its own fields), for its cursor. */
export function keysOf(order: PageOrder): (row: unknown) => unknown[] {
  const keys = orderKeys(order);
  return (row) => keys.map((k) => (row as Record<string, unknown>)[k.by]);
}

/**
 * The page out of `limit + 1` fetched rows (in the page's order): the first `limit`, and the
 * cursor of the last of them when another row follows. `keyOf` gives a row's key values.
 */
export function pageOf<T>(
  fetched: readonly T[],
  { limit }: PageArgs,
  keyOf: (row: T) => readonly unknown[],
): { items: T[]; nextCursor: string | null } {
  const items = fetched.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: fetched.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** Sorts a query in `order` (every key, `_id` last). */
export function sortedBy<Q extends { orderBy(field: string, dir: 'asc' | 'desc'): Q }>(query: Q, order: PageOrder): Q {
  return orderKeys(order).reduce((q, k) => q.orderBy(k.by, k.dir), query);
}

/** The `sort` stage of an aggregation in `order` (every key, `_id` last). */
export function sortStage(order: PageOrder): Record<string, 1 | -1> {
  return Object.fromEntries(orderKeys(order).map((k) => [k.by, k.dir === 'asc' ? 1 : -1]));
}

/**
 * One page of a collection's documents matching `where`, in `order`: one request. `fields`, when
 * given, is the projection (it must keep the order's keys).
 */
export async function pageOrderedBy<C extends CollectionName>(
  ctx: Ctx,
  collection: C,
  where: object,
  args: PageArgs,
  order: PageOrder,
  fields?: Record<string, boolean>,
): Promise<{ items: Array<DocOf<C>>; nextCursor: string | null }> {
  let query = ctx.db.collection(collection).where(whereAfter(ctx, where, args.cursor, order));
  if (fields) query = query.field(fields);
  const res = await sortedBy(query, order)
    .limit(args.limit + 1)
    .get();
  return pageOf((res.data ?? []) as Array<DocOf<C>>, args, keysOf(order));
}

/** One page of a collection's matching documents, newest first (`createdAt` desc, then `_id` desc). */
export function newestFirstPage<C extends CollectionName>(
  ctx: Ctx,
  collection: C,
  where: object,
  args: PageArgs,
): Promise<{ items: Array<DocOf<C>>; nextCursor: string | null }> {
  return pageOrderedBy(ctx, collection, where, args, { by: 'createdAt', dir: 'desc' });
}

/**
 * One page of a list already in memory and sorted by `compare` (a total order ending in the
 * id): the rows after the cursor's row. For lists that must be assembled before they can be
 * ordered (people by name across roles and users); the cursor holds the last row's key.
 */
export function pageSorted<T>(
  sorted: readonly T[],
  args: PageArgs,
  keyOf: (row: T) => [string | number, string],
  compare: (a: readonly [string | number, string], b: readonly [string | number, string]) => number,
): { items: T[]; nextCursor: string | null } {
  let start = 0;
  if (args.cursor !== undefined) {
    const [value, id] = decodeCursor(args.cursor, 2);
    if (typeof value !== 'string' && typeof value !== 'number') throw badCursor();
    const at = [value, id as string] as const;
    start = sorted.findIndex((row) => compare(keyOf(row), at) > 0);
    if (start < 0) start = sorted.length;
  }
  return pageOf(sorted.slice(start, start + args.limit + 1), args, keyOf);
}
