/**
 * Offset pagination shared by every list action: verbs read `limit + 1` documents from
 * `cursor` and this decides the page and whether another follows.
 */

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
