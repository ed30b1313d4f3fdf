/**
 * A paged list with the states every list shows: loading, error with retry, empty, the items,
 * and at the end "加载更多" (also on reaching the bottom) or "没有更多了". Pull to refresh
 * starts over (the page config must set enablePullDownRefresh).
 */
import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { errorMessage } from '@/services/cloud';
import type { PagedState } from '../use-paged';
import { EmptyView, ErrorView, LoadingView } from './state-view';
import './paged-list.scss';

interface PagedListProps<T> {
  state: PagedState<T>;
  renderItem: (item: T) => ReactNode;
  keyOf: (item: T) => string;
  emptyTitle: string;
  emptyHint?: string;
}

export function PagedList<T>({ state, renderItem, keyOf, emptyTitle, emptyHint }: PagedListProps<T>) {
  usePullDownRefresh(() => {
    void state.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void state.loadMore();
  });

  if (state.loading && state.items.length === 0) return <LoadingView />;
  if (state.error)
    return <ErrorView error={state.error} message={errorMessage(state.error)} onRetry={() => void state.refresh()} />;
  if (state.items.length === 0) return <EmptyView title={emptyTitle} hint={emptyHint} />;
  return (
    <View className='paged-list'>
      {state.items.map((item) => (
        <View key={keyOf(item)}>{renderItem(item)}</View>
      ))}
      <View className='paged-list__footer'>
        {state.moreError ? <Text className='paged-list__error'>{errorMessage(state.moreError)}</Text> : null}
        {state.hasMore ? (
          <Button
            className='btn btn--ghost paged-list__more'
            loading={state.loadingMore || undefined}
            disabled={state.loadingMore || undefined}
            onClick={() => void state.loadMore()}
          >
            {/* In its own element: in H5 a Button's text changed under its loading spinner
                breaks the spinner's insertion (NotFoundError: insertBefore). */}
            <Text>{state.loadingMore ? '加载中…' : '加载更多'}</Text>
          </Button>
        ) : (
          <Text className='paged-list__end'>没有更多了</Text>
        )}
      </View>
    </View>
  );
}
