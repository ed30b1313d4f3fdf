/**
 * Database helpers of the org area: one document or NOT_FOUND, a whole (large) selection,
 * uniqueness checks of names within their parent, new ids, and recognising a unique-index
 * failure. Invariants: reads of whole selections page by `_id` (CloudBase returns at most
 * 1000 documents per query), so nothing is silently cut off.
 */
import { randomUUID } from 'node:crypto';
import type { AppError } from '../../../types/errors';
import type { DocOf } from '../../../types/documents';
import type { CollectionName } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { mustGetById } from '../../_shared/db-helpers';

export { isDuplicateWrite } from '../../_shared/db-helpers';

const PAGE = 1000;

/** One document by id; the caller's refusal (its NOT_FOUND, written in the verb) otherwise. */
export async function mustFind<C extends CollectionName>(
  ctx: Ctx,
  collection: C,
  id: string,
  notFound: () => AppError,
): Promise<DocOf<C>> {
  return mustGetById(ctx, collection, id, notFound);
}

/** Every document matching `where`, in `_id` order, paging past the per-query limit. */
export async function readAll<T extends { _id: string }>(
  ctx: Ctx,
  collection: CollectionName,
  where: Record<string, unknown>,
): Promise<T[]> {
  const _ = ctx.db.command;
  const out: T[] = [];
  let after: string | null = null;
  for (;;) {
    const query: Record<string, unknown> = after === null ? where : { ...where, _id: _.gt(after) };
    const res = await ctx.db.collection(collection).where(query).orderBy('_id', 'asc').limit(PAGE).get();
    const page = (res.data ?? []) as T[];
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!._id;
  }
}

/** True when some document other than `selfId` matches `where`. */
export async function existsOther(
  ctx: Ctx,
  collection: CollectionName,
  where: Record<string, unknown>,
  selfId: string | undefined,
): Promise<boolean> {
  const res = await ctx.db.collection(collection).where(where).field({ _id: true }).limit(2).get();
  return ((res.data ?? []) as Array<{ _id: string }>).some((d) => d._id !== selfId);
}

/** A new document id with a readable prefix, e.g. `hh-3f2a…`. */
export function newId(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, '')}`;
}

/** Natural order for names and room numbers: 2号楼 before 10号楼, 1-201 before 1-1001. */
export function byName(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN', { numeric: true });
}
