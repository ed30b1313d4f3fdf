/**
 * 志愿 tab — the community's volunteer activities (volunteer.list) in three segments: 近期
 * (not yet ended, soonest first), 我的 (my sign-ups) and 往期 (ended). Above them: 发布活动
 * for admins and work-unit liaisons, and 我的志愿时长. Load more at the bottom, pull to
 * refresh; someone with no role in a community is asked to bind a household first.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '@/services/cloud';
import { adminCommunityId, liaisonRole } from '@/shared/roles';
import { usePaged } from '@/shared/use-paged';
import { CommunityTab } from '@/shared/ui/community-tab';
import { FilterBar } from '@/shared/ui/filter-bar';
import { PagedList } from '@/shared/ui/paged-list';
import type { Role } from '~types/account';
import { ActivityCard } from './activity-card';
import { volunteerUrls } from './urls';
import './list.scss';

type When = 'upcoming' | 'mine' | 'past';
const segments: ReadonlyArray<readonly [When, string]> = [
  ['upcoming', '近期'],
  ['mine', '我的'],
  ['past', '往期'],
];
const empty: Record<When, [string, string]> = {
  upcoming: ['近期没有志愿活动', '新的活动发布后会出现在这里，下拉可刷新'],
  mine: ['您还没有报名志愿活动', '在“近期”里选一个活动报名吧'],
  past: ['还没有往期活动', '结束的活动会出现在这里'],
};

function Hero({ roles, communityId }: { roles: Role[]; communityId: string }) {
  const publisher = adminCommunityId(roles) === communityId || liaisonRole(roles)?.communityId === communityId;
  return (
    <View className='vol-hero'>
      <Text className='vol-hero__title'>志愿服务</Text>
      <Text className='vol-hero__text'>报名参加社区志愿活动，现场扫码签到签退，服务时长计入积分</Text>
      <View className='vol-hero__actions'>
        {publisher ? (
          <Button
            className='btn btn--small vol-hero__publish'
            onClick={() => void Taro.navigateTo({ url: volunteerUrls.publish(communityId) })}
            data-testid='vol-publish'
          >
            发布活动
          </Button>
        ) : null}
        <Text
          className='vol-hero__link'
          onClick={() => void Taro.navigateTo({ url: volunteerUrls.hours(communityId) })}
          data-testid='vol-hours-link'
        >
          我的志愿时长 ›
        </Text>
      </View>
    </View>
  );
}

function Activities({ communityId, seen }: { communityId: string; seen: number }) {
  const [when, setWhen] = useState<When>('upcoming');
  const list = usePaged(
    (cursor) =>
      call('volunteer', 'list', { communityId, when, limit: 10, ...(cursor !== undefined ? { cursor } : {}) }),
    [communityId, when, seen],
  );
  return (
    <>
      <FilterBar options={segments} value={when} onChange={setWhen} className='vol-segments' testId='vol-segments' />
      <View className='vol-gap' />
      <PagedList
        state={list}
        keyOf={(a) => a.id}
        emptyTitle={empty[when][0]}
        emptyHint={empty[when][1]}
        renderItem={(a) => (
          <ActivityCard activity={a} onOpen={() => void Taro.navigateTo({ url: volunteerUrls.detail(a.id) })} />
        )}
      />
    </>
  );
}

/** Someone with no role in a community is asked to bind a household first. */
const bindCard = {
  className: 'vol-bind',
  testId: 'vol-need-binding',
  text: '绑定房屋并通过审核后，就可以查看和报名本社区的志愿活动。',
};

export function VolunteerListScreen() {
  return (
    <CommunityTab
      loadingLabel='正在读取志愿活动…'
      screenClass='screen'
      hero={
        <View className='vol-hero'>
          <Text className='vol-hero__title'>志愿服务</Text>
          <Text className='vol-hero__text'>报名参加社区志愿活动，服务时长计入积分</Text>
        </View>
      }
      bind={bindCard}
    >
      {({ roles, communityId, seen }) => (
        <View className='screen vol-list' data-testid='vol-list'>
          <Hero roles={roles} communityId={communityId} />
          <Activities communityId={communityId} seen={seen} />
        </View>
      )}
    </CommunityTab>
  );
}
