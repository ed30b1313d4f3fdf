/**
 * 活动签到: the community's events, upcoming or past. Members check in from an event's page
 * (or here, with any event's code); admins and leaders start a new event (发起活动).
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { organiserCommunityId } from '@/shared/roles';
import { useCurrentUser } from '@/shared/current-user';
import { usePaged } from '@/shared/use-paged';
import { FilterBar } from '@/shared/ui/filter-bar';
import { PagedList } from '@/shared/ui/paged-list';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import { CheckInBox } from './check-in-box';
import { EventCard } from './event-card';
import { rememberEvent } from './event-store';
import { checkinPageUrl, eventUrl } from './urls';
import './checkin.scss';

type When = 'upcoming' | 'past';

function EventList({ communityId, organiser }: { communityId: string; organiser: boolean }) {
  const [when, setWhen] = useState<When>('upcoming');
  const [scanning, setScanning] = useState(false);
  const list = usePaged(
    (cursor) =>
      call('checkin', 'listEvents', {
        communityId,
        when,
        limit: 20,
        ...(cursor !== undefined ? { cursor } : {}),
      }),
    [communityId, when],
  );
  useDidShow(() => {
    if (!list.loading) void list.refresh();
  });
  return (
    <View className='screen'>
      <View className='checkin-actions'>
        {organiser ? (
          <Button
            className='btn btn--primary checkin-actions__button'
            onClick={() => void Taro.navigateTo({ url: checkinPageUrl('event-form', communityId) })}
            data-testid='event-create'
          >
            发起活动
          </Button>
        ) : null}
        <Button className='btn btn--ghost checkin-actions__button' onClick={() => setScanning(!scanning)}>
          {scanning ? '收起签到' : '我要签到'}
        </Button>
      </View>
      {scanning ? (
        <View className='card'>
          <CheckInBox onCheckedIn={() => void list.refresh()} />
          <Text className='card__text'>不方便扫码？请点开下面您参加的活动，输入组织者报出的6位数字签到码。</Text>
        </View>
      ) : null}
      <FilterBar
        options={[
          ['upcoming', '近期活动'],
          ['past', '已结束'],
        ]}
        value={when}
        onChange={setWhen}
      />
      <View style={{ height: '16px' }} />
      <PagedList
        state={list}
        keyOf={(e) => e.id}
        emptyTitle={when === 'upcoming' ? '近期没有活动' : '还没有已结束的活动'}
        emptyHint={organiser ? '点击“发起活动”创建一场主题党日或志愿活动' : '下拉可刷新'}
        renderItem={(e) => (
          <EventCard
            event={e}
            onClick={() => {
              rememberEvent(e);
              void Taro.navigateTo({ url: eventUrl(e.id, communityId) });
            }}
          />
        )}
      />
    </View>
  );
}

export function EventsScreen() {
  const { me, communityId } = useCurrentUser();
  if (me.loading && !me.data) return <LoadingView />;
  if (me.error && !me.data)
    return <ErrorView error={me.error} message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  if (!communityId) {
    return <EmptyView title='您还不是社区成员' hint='绑定房屋或到社区报到后，即可参加社区活动并签到' />;
  }
  const organiser = organiserCommunityId(me.data?.roles ?? []) === communityId;
  return <EventList communityId={communityId} organiser={organiser} />;
}
