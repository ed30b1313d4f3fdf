/**
 * 议事 tab — the community's topics (deliberation.list), filtered by step with chips, loaded
 * a page at a time, pull to refresh. Leaders (楼栋/小区负责人) and admins see 发起议题. Someone
 * with no role in any community is asked to bind a household first.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '@/services/cloud';
import { firstRole } from '@/shared/roles';
import { usePaged } from '@/shared/use-paged';
import { CommunityTab } from '@/shared/ui/community-tab';
import { FilterChips } from '@/shared/ui/filter-bar';
import { PagedList } from '@/shared/ui/paged-list';
import { stepLabels, type Step } from '~types/labels/deliberation';
import { TopicCard } from './topic-card';
import { deliberationUrls } from './urls';
import './list.scss';

const STEPS = (['collect', 'review', 'vote', 'notice', 'execute', 'evaluate', 'archived', 'ended'] as const).map(
  (s) => [s, stepLabels[s]] as const,
);

function Hero({ canOpen }: { canOpen: boolean }) {
  return (
    <View className='dlb-hero'>
      <Text className='dlb-hero__title'>小区议事</Text>
      <Text className='dlb-hero__text'>六步议事：意见收集 → 联审 → 决议 → 公示 → 执行 → 评估</Text>
      {canOpen ? (
        <Button
          className='btn dlb-hero__open'
          data-testid='topic-open'
          onClick={() => void Taro.navigateTo({ url: deliberationUrls.open })}
        >
          发起议题
        </Button>
      ) : null}
    </View>
  );
}

function Topics({ communityId, seen }: { communityId: string; seen: number }) {
  const [step, setStep] = useState<Step | null>(null);
  const list = usePaged(
    (cursor) =>
      call('deliberation', 'list', {
        communityId,
        ...(step ? { step } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        limit: 10,
      }),
    [communityId, step, seen],
  );
  return (
    <>
      <View className='dlb-filter'>
        <FilterChips label='按步骤' options={STEPS} value={step} onChange={setStep} testId='topic-filter' />
      </View>
      <PagedList
        state={list}
        keyOf={(t) => t.id}
        emptyTitle={step ? `没有处于「${stepLabels[step]}」的议题` : '还没有议题'}
        emptyHint={step ? '换个步骤看看' : '楼栋或小区负责人发起议题后会出现在这里，下拉可刷新'}
        renderItem={(t) => (
          <TopicCard topic={t} onOpen={() => void Taro.navigateTo({ url: deliberationUrls.topic(t.id) })} />
        )}
      />
    </>
  );
}

/** Someone with no role in a community is asked to bind a household first. */
const bindCard = {
  className: 'dlb-bind',
  testId: 'topic-need-binding',
  text: '绑定房屋并通过审核后，就可以查看本社区的议题，发表意见、参与表决。',
};

export function DeliberationListScreen() {
  return (
    <CommunityTab loadingLabel='正在读取议题…' screenClass='screen dlb' hero={<Hero canOpen={false} />} bind={bindCard}>
      {({ roles, communityId, seen }) => (
        <View className='screen dlb' data-testid='topic-list'>
          <Hero canOpen={!!firstRole(roles, ['admin', 'estate_leader', 'building_leader'])} />
          <Text className='section-title'>议题</Text>
          <Topics communityId={communityId} seen={seen} />
        </View>
      )}
    </CommunityTab>
  );
}
