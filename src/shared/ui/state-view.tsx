/**
 * The loading, error and empty states every screen uses, so they look the same everywhere.
 * Sizes are in 750-wide design px (Taro converts them per platform).
 */
import { Button, Text, View } from '@tarojs/components';
import { errorMessage } from '@/services/cloud';
import { needOf } from '@/services/call-failure';
import type { AsyncState } from '@/shared/use-async';
import { NeedView } from './need-view';
import './state-view.scss';

export function LoadingView({ label = '加载中…' }: { label?: string }) {
  return (
    <View className='state-view' aria-busy='true'>
      <View className='state-view__spinner' />
      <Text className='state-view__text'>{label}</Text>
    </View>
  );
}

/**
 * A failure and 重试. Given the `error` itself, a refusal that asks the person to sign in,
 * register or bind first (needOf) shows the lead there instead of 出错了.
 */
export function ErrorView({ message, onRetry, error }: { message: string; onRetry?: () => void; error?: unknown }) {
  const need = needOf(error);
  if (need) return <NeedView need={need} message={need === 'sign-in' ? undefined : message} />;
  return (
    <View className='state-view state-view--error' role='alert'>
      <Text className='state-view__title'>出错了</Text>
      <Text className='state-view__text'>{message}</Text>
      {onRetry ? (
        <Button className='state-view__retry' size='mini' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}

/**
 * While a screen waits for several loads (what it shows and the current user): the first error
 * once none is loading any more, with a 重试 that reloads them all; else the loading view.
 */
export function WaitingView({
  loads,
}: {
  loads: ReadonlyArray<Pick<AsyncState<unknown>, 'error' | 'loading' | 'reload'>>;
}) {
  const error = loads.find((l) => l.error)?.error;
  if (error && loads.every((l) => !l.loading)) {
    return (
      <ErrorView
        message={errorMessage(error)}
        onRetry={() => {
          for (const l of loads) void l.reload();
        }}
      />
    );
  }
  return <LoadingView />;
}

export function EmptyView({ title, hint }: { title: string; hint?: string }) {
  return (
    <View className='state-view state-view--empty'>
      <Text className='state-view__title'>{title}</Text>
      {hint ? <Text className='state-view__text'>{hint}</Text> : null}
    </View>
  );
}
