/** Offset pagination: read `limit + 1` items to know whether another page follows. */
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
