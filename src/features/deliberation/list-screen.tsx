/**
 * 议事 tab — the community's topics (deliberation.list), filtered by step with chips, loaded
 * a page at a time, pull to refresh. Leaders (楼栋/小区负责人) and admins see 发起议题. Someone
 * with no role in any community is asked to bind a household first.
 */
import { useRef, useState } from 'react';
import { Button, ScrollView, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { communityOf, firstRole } from '@/shared/roles';
import { usePaged } from '@/shared/use-paged';
import { PagedList } from '@/shared/ui/paged-list';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import { AppError } from '~types/errors';
import { stepLabels, type Step } from '~types/labels/deliberation';
import { TopicCard } from './topic-card';
import { deliberationUrls } from './urls';
import './deliberation.scss';
import { useCurrentUser } from '@/shared/current-user';

const FILTERS: ReadonlyArray<readonly [Step | null, string]> = [
  [null, '全部'],
  ...(['collect', 'review', 'vote', 'notice', 'execute', 'evaluate', 'archived', 'ended'] as const).map(
    (s) => [s, stepLabels[s]] as const,
  ),
];

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
      <ScrollView scrollX className='dlb-filter' aria-label='按步骤' data-testid='topic-filter'>
        <View className='dlb-filter__row' role='tablist'>
          {FILTERS.map(([key, text]) => (
            <View
              key={key ?? 'all'}
              className={`dlb-filter__chip ${step === key ? 'is-active' : ''}`}
              role='tab'
              aria-selected={step === key}
              onClick={() => setStep(key)}
            >
              {text}
            </View>
          ))}
        </View>
      </ScrollView>
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

export function DeliberationListScreen() {
  const { me } = useCurrentUser();
  // Bumped when the tab shows again (back from a topic or from opening one): the list starts over.
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

  if (me.loading && !me.data) return <LoadingView label='正在读取议题…' />;
  if (me.error instanceof AppError && me.error.code === 'UNAUTHENTICATED') {
    return <EmptyView title='尚未登录' hint={me.error.message} />;
  }
  if (me.error && !me.data) return <ErrorView message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  const roles = me.data?.roles ?? [];
  const communityId = communityOf(roles);
  const canOpen = !!firstRole(roles, ['admin', 'estate_leader', 'building_leader']);

  if (!communityId) {
    return (
      <View className='screen dlb'>
        <Hero canOpen={false} />
        <View className='card dlb-bind' data-testid='topic-need-binding'>
          <Text className='card__title'>先绑定您家的房屋</Text>
          <Text className='card__text'>绑定房屋并通过审核后，就可以查看本社区的议题，发表意见、参与表决。</Text>
          <Button className='btn btn--primary' onClick={() => void Taro.switchTab({ url: deliberationUrls.mineTab })}>
            去“我的”绑定房屋
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className='screen dlb' data-testid='topic-list'>
      <Hero canOpen={canOpen} />
      <Text className='section-title'>议题</Text>
      <Topics communityId={communityId} seen={seen} />
    </View>
  );
}
