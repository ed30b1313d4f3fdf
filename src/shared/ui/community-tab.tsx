/**
 * A tab over the caller's community (议事, 志愿, 心愿): while account.me loads, a loading view;
 * not signed in (no persona chosen, locally), the lead to sign in (need-view.tsx); any other
 * error, with 重试; someone with no role in a community sees
 * the tab's `hero` and a card asking to bind a household first (`bind`); everyone else the
 * tab's content. `seen` counts
 * the times the tab showed again (back from a detail, after posting): lists keyed on it start
 * over, and account.me is read again. Pull to refresh reloads account.me while it has not
 * arrived (once it has, the tab's lists refresh themselves).
 */
import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { errorMessage } from '@/services/cloud';
import type { Role } from '~types/account';
import { useCurrentUser } from '../current-user';
import { communityOf } from '../roles';
import { getLocalOpenid } from '../local-identity';
import { NeedView } from './need-view';
import { ErrorView, LoadingView } from './state-view';

export interface CommunityTabContent {
  roles: Role[];
  communityId: string;
  seen: number;
}

export function CommunityTab({
  loadingLabel,
  screenClass,
  hero,
  bind,
  children,
}: {
  loadingLabel: string;
  /** The screen's classes when there is no community. */
  screenClass: string;
  hero: ReactNode;
  /** What binding a household opens, and the bind card's class and test id. */
  bind: { text: string; className: string; testId: string };
  children: (tab: CommunityTabContent) => ReactNode;
}) {
  const { me } = useCurrentUser();
  const [seen, setSeen] = useState(0);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) {
      void me.reload();
      setSeen((n) => n + 1);
    }
    shown.current = true;
  });
  usePullDownRefresh(() => {
    if (!me.data) void me.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (me.loading && !me.data) return <LoadingView label={loadingLabel} />;
  if (LOCAL_MODE && !getLocalOpenid()) return <NeedView need='sign-in' />;
  if (me.error && !me.data)
    return <ErrorView error={me.error} message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  const roles = me.data?.roles ?? [];
  const communityId = communityOf(roles);
  if (!communityId) {
    return (
      <View className={screenClass}>
        {hero}
        <BindCard {...bind} />
      </View>
    );
  }
  return <>{children({ roles, communityId, seen })}</>;
}

/** 先绑定您家的房屋: what binding a household opens (`text`), and the way to 我的. */
function BindCard({ text, className, testId }: { text: string; className: string; testId: string }) {
  return (
    <View className={`card ${className}`} data-testid={testId}>
      <Text className='card__title'>先绑定您家的房屋</Text>
      <Text className='card__text'>{text}</Text>
      <Button className='btn btn--primary' onClick={() => void Taro.switchTab({ url: '/pages/mine/index' })}>
        去“我的”绑定房屋
      </Button>
    </View>
  );
}
