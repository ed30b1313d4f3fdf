/**
 * Offset pagination shared by every list action: verbs read `limit + 1` documents from
 * `cursor` and this decides the page and whether another follows.
 */
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

/**
 * One page of a collection's matching documents, newest first (`createdAt` desc, then `_id`
 * desc, so equal times keep one order): one request.
 */
export async function newestFirstPage<T>(
  ctx: Ctx,
  collection: CollectionName,
  where: object,
  args: PageArgs,
): Promise<{ items: T[]; nextCursor: number | null }> {
  const cursor = args.cursor ?? 0;
  const res = await ctx.db
    .collection(collection)
    .where(where)
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .skip(cursor)
    .limit(args.limit + 1)
    .get();
  return pageOf((res.data ?? []) as T[], { cursor, limit: args.limit });
}
