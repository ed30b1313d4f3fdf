/**
 * A cursor-paged list (the `Paged` shape of types/common.ts): the first page, "load more",
 * and a refresh that starts over. `load(cursor)` fetches one page; a change in `deps` starts
 * over (e.g. a filter). Stale replies (from before a refresh or filter change) are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedState<T> {
  items: T[];
  /** The first page has not arrived yet (or is being re-fetched after an error). */
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  /** An error while loading a further page (the loaded items stay). */
  moreError: unknown;
  hasMore: boolean;
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
  /** Replaces one item in place (e.g. after approving it). */
  update: (match: (item: T) => boolean, next: T) => void;
}

export function usePaged<T>(load: (cursor: string | undefined) => Promise<Page<T>>, deps: readonly unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [moreError, setMoreError] = useState<unknown>(undefined);
  const generation = useRef(0);
  const busy = useRef(false);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    setError(undefined);
    setMoreError(undefined);
    try {
      const page = await load(undefined);
      if (mine !== generation.current) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
    } catch (e) {
      if (mine === generation.current) setError(e);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const loadMore = useCallback(async () => {
    if (busy.current || nextCursor === null || loading) return;
    const mine = generation.current;
    busy.current = true;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await load(nextCursor);
      if (mine !== generation.current) return;
      setItems((old) => [...old, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      if (mine === generation.current) setMoreError(e);
    } finally {
      busy.current = false;
      setLoadingMore(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nextCursor, loading, ...deps]);

  const update = useCallback((match: (item: T) => boolean, next: T) => {
    setItems((old) => old.map((item) => (match(item) ? next : item)));
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const state: PagedState<T> = {
    items,
    loading,
    loadingMore,
    error,
    moreError,
    hasMore: nextCursor !== null,
    refresh,
    loadMore,
    update,
  };
  return state;
}
