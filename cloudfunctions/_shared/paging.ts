/**
 * Offset pagination shared by every list action: verbs read `limit + 1` documents from
 * `cursor` and this decides the page and whether another follows.
 */
import type { DocOf } from '../../types/documents';
import type { CollectionName } from './collections';
import type { Ctx } from './context';

export interface PageArgs {
  cursor?: number | undefined;
  limit: number;
}

export function pageOf<T>(
  fetched: readonly T[],
  { cursor = 0, limit }: PageArgs,
): { items: T[]; nextCursor: number | null } {
  return {
    items: fetched.slice(0, limit),
    nextCursor: fetched.length > limit ? cursor + limit : null,
  };
}

/** How a page is ordered: by `by` in `dir`, then by `_id` in the same direction (one order for equal values). */
export interface PageOrder {
  by: string;
  dir: 'asc' | 'desc';
}

/** One page of a collection's documents matching `where`, in `order`: one request. */
export async function pageOrderedBy<C extends CollectionName>(
  ctx: Ctx,
  collection: C,
  where: object,
  args: PageArgs,
  order: PageOrder,
): Promise<{ items: Array<DocOf<C>>; nextCursor: number | null }> {
  const cursor = args.cursor ?? 0;
  const res = await ctx.db
    .collection(collection)
    .where(where)
    .orderBy(order.by, order.dir)
    .orderBy('_id', order.dir)
    .skip(cursor)
    .limit(args.limit + 1)
    .get();
  return pageOf((res.data ?? []) as Array<DocOf<C>>, { cursor, limit: args.limit });
}

/** One page of a collection's matching documents, newest first (`createdAt` desc, then `_id` desc). */
export function newestFirstPage<C extends CollectionName>(
  ctx: Ctx,
  collection: C,
  where: object,
  args: PageArgs,
): Promise<{ items: Array<DocOf<C>>; nextCursor: number | null }> {
  return pageOrderedBy(ctx, collection, where, args, { by: 'createdAt', dir: 'desc' });
}
