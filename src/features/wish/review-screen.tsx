/**
 * 心愿审核 (`?communityId=`): submitted wishes in the caller's scope (their buildings, or the
 * whole community for admins), oldest first. Publish after a confirmation, or reject with a
 * required reason, right on the card; the card then shows its new state. A wish someone else
 * already decided is reported and the queue reloaded. A second tab, 待人工审核内容 (with the
 * count of held items), lists text the content check could not decide (./held-texts-panel.tsx);
 * `&tab=held` opens on it (`&source=deliberation` on its 议事 list).
 * 订阅待审提醒, and each 发布 tap, ask consent to `wishReview` (ADR 0038): the next wish waiting
 * for this reviewer then also reaches their WeChat, once per consent.
 */
import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { pageParam } from '@/shared/page-params';
import { usePaged } from '@/shared/use-paged';
import { PagedList } from '@/shared/ui/paged-list';
import { ErrorView } from '@/shared/ui/state-view';
import type { WishCard } from '~types/wish';
import { ReasonSheet } from './detail-sheets';
import { isStale } from '@/shared/use-action';
import { askSubscription } from '@/shared/subscribe';
import { wishUrls } from './urls';
import { HeldTextsPanel, type HeldSource } from './held-texts-panel';
import { WishCardView } from './wish-card';
import './wish-pages.scss';

export function WishReviewScreen() {
  const communityId = pageParam('communityId');
  const list = usePaged(
    (cursor) =>
      call('wish', 'reviewQueue', {
        communityId: communityId ?? '',
        ...(cursor !== undefined ? { cursor } : {}),
        limit: 10,
      }),
    [communityId],
  );
  // `?tab=held` (the home's 待人工复核 card) opens the held tab; `&source=deliberation` its 议事 list.
  const [tab, setTab] = useState<'queue' | 'held'>(() => (pageParam('tab') === 'held' ? 'held' : 'queue'));
  const [source, setSource] = useState<HeldSource>(() =>
    pageParam('source') === 'deliberation' ? 'deliberation' : 'wish',
  );
  const held = usePaged(
    (cursor) => {
      const page = { communityId: communityId ?? '', ...(cursor !== undefined ? { cursor } : {}), limit: 10 };
      return source === 'wish' ? call('wish', 'heldTexts', page) : call('deliberation', 'heldTexts', page);
    },
    [communityId, source],
  );
  const heldCount = held.loading || held.error ? '' : `${held.items.length}${held.hasMore ? '+' : ''}`;
  const [rejecting, setRejecting] = useState<WishCard | null>(null);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void (tab === 'queue' ? list.refresh() : held.refresh());
    shown.current = true;
  });

  if (!communityId) return <ErrorView message='缺少社区信息，请从心愿墙进入' />;

  const refused = (e: unknown) => {
    setRejecting(null);
    void Taro.showModal({
      title: '操作未成功',
      content: isStale(e) ? `${errorMessage(e)}（可能已由他人处理）` : errorMessage(e),
      showCancel: false,
    });
    if (isStale(e)) void list.refresh();
  };

  const publish = async (wish: WishCard) => {
    askSubscription(['wishReview']); // in the tap: the next wish waiting for review reaches WeChat too
    const answer = await Taro.showModal({
      title: '发布心愿',
      content: `审核通过“${wish.title}”并发布到心愿墙？发布后党员即可认领。`,
      confirmText: '发布',
      confirmColor: '#c8102e',
      cancelText: '再想想',
    });
    if (!answer.confirm) return;
    try {
      const next = await call('wish', 'review', { wishId: wish.id, decision: 'publish' });
      list.update((w) => w.id === next.id, next);
      void Taro.showToast({ title: '已发布', icon: 'success' });
    } catch (e) {
      refused(e);
    }
  };

  return (
    <View className='screen'>
      <View className='wish-segment' role='tablist'>
        <View
          className={`wish-segment__item ${tab === 'queue' ? 'is-active' : ''}`}
          role='tab'
          aria-selected={tab === 'queue'}
          onClick={() => setTab('queue')}
        >
          待审核心愿
        </View>
        <View
          className={`wish-segment__item ${tab === 'held' ? 'is-active' : ''}`}
          role='tab'
          aria-selected={tab === 'held'}
          onClick={() => setTab('held')}
          data-testid='held-tab'
        >
          待人工审核内容
          {heldCount && heldCount !== '0' ? (
            <Text className='wish-segment__badge' data-testid='held-count'>
              {heldCount}
            </Text>
          ) : null}
        </View>
      </View>
      {tab === 'held' ? <HeldTextsPanel source={source} onSource={setSource} list={held} /> : null}
      {tab === 'queue' ? (
        <View className='wish-review__intro'>待审核的心愿按提交先后排列。请核实内容真实、具体，再发布到心愿墙。</View>
      ) : null}
      {tab === 'queue' ? (
        <View className='wish-review__remind'>
          <Button
            className='btn btn--plain btn--small'
            data-testid='wish-review-remind'
            onClick={() => {
              askSubscription(['wishReview']); // in the tap: a WeChat message when a wish waits for review
              void Taro.showToast({ title: '有心愿待审核时会提醒您', icon: 'none' });
            }}
          >
            订阅待审提醒
          </Button>
        </View>
      ) : null}
      {tab === 'queue' ? (
        <PagedList
          state={list}
          keyOf={(w) => w.id}
          emptyTitle='没有待审核的心愿'
          emptyHint='居民提交的心愿会出现在这里，下拉可刷新'
          renderItem={(w) => (
            <WishCardView wish={w} onOpen={() => void Taro.navigateTo({ url: wishUrls.detail(w.id) })}>
              {w.state === 'submitted' ? (
                <View className='card__actions'>
                  <Button className='btn btn--plain btn--small' onClick={() => setRejecting(w)}>
                    驳回
                  </Button>
                  <Button className='btn btn--primary btn--small' onClick={() => void publish(w)}>
                    发布
                  </Button>
                </View>
              ) : null}
            </WishCardView>
          )}
        />
      ) : null}
      {rejecting ? (
        <ReasonSheet
          title={`驳回“${rejecting.title}”`}
          label='驳回原因（居民可见）'
          placeholder='例如：内容不够具体，请补充需要的物品和时间'
          confirmText='确认驳回'
          danger
          onCancel={() => setRejecting(null)}
          onStale={refused}
          onSubmit={async (reason) => {
            const next = await call('wish', 'review', { wishId: rejecting.id, decision: 'reject', reason });
            list.update((w) => w.id === next.id, next);
            setRejecting(null);
            void Taro.showToast({ title: '已驳回', icon: 'success' });
          }}
        />
      ) : null}
    </View>
  );
}
