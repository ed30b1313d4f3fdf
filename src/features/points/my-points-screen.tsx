/**
 * 我的积分: the balance, this quarter's total against the community's threshold (progress bar,
 * 达标 badge), and the ledger newest first with an explanation of each entry. Paged; pull to
 * refresh starts over.
 */
import { useState } from 'react';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { useCurrentUser } from '@/shared/current-user';
import { usePaged } from '@/shared/use-paged';
import { LedgerList, PointsSummary } from '@/shared/ui/ledger';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { MyPoints } from '~types/points';

function Ledger({ communityId }: { communityId: string }) {
  const [summary, setSummary] = useState<Omit<MyPoints, 'entries'> | null>(null);
  const list = usePaged(
    async (cursor) => {
      const result = await call('points', 'myPoints', {
        communityId,
        limit: 20,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      const { entries, ...rest } = result;
      setSummary(rest);
      return entries;
    },
    [communityId],
  );
  useDidShow(() => {
    if (!list.loading) void list.refresh();
  });
  return (
    <View className='screen' data-testid='my-points'>
      {summary ? <PointsSummary points={summary} /> : null}
      <LedgerList list={list} emptyHint='报到、参加活动签到、完成微心愿都能获得积分' />
    </View>
  );
}

export function MyPointsScreen() {
  const { me, communityId } = useCurrentUser();
  if (me.loading && !me.data) return <LoadingView />;
  if (me.error && !me.data)
    return <ErrorView error={me.error} message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  if (!communityId) return <EmptyView title='您还不是社区成员' hint='绑定房屋或到社区报到后即可获得积分' />;
  return <Ledger communityId={communityId} />;
}
