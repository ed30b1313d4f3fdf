/**
 * 心愿 tab — the community's wall of published wishes (wish.wall): filter by category and by
 * estate, load more at the bottom, pull to refresh. Above the wall, what the caller may do:
 * 许个心愿 (residents), 我的心愿 / 我的认领, and for leaders and admins the review queue.
 * Someone with no role in any community is asked to bind a household first.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '@/services/cloud';
import { firstRole, reviewCommunityId } from '@/shared/roles';
import { askSubscriptionOnce } from '@/shared/subscribe';
import { useAsync } from '@/shared/use-async';
import { usePaged } from '@/shared/use-paged';
import { CommunityTab } from '@/shared/ui/community-tab';
import { FilterChips } from '@/shared/ui/filter-bar';
import { PagedList } from '@/shared/ui/paged-list';
import type { Role } from '~types/account';
import { wishCategoryLabels, type WishCategory } from '~types/labels/wish';
import { wishUrls } from './urls';
import { WishCardView } from './wish-card';
import './wall.scss';

const categories = Object.entries(wishCategoryLabels) as Array<[WishCategory, string]>;

/**
 * 待审核: how many wishes wait for this leader or admin (one small page is enough to tell), and
 * how many wishes have text waiting for manual review (待人工审核). The tap asks consent to
 * `wishReview` once a run (ADR 0038).
 */
function ReviewBanner({ communityId, seen }: { communityId: string; seen: number }) {
  const queue = useAsync(() => call('wish', 'reviewQueue', { communityId, limit: 20 }), [communityId, seen]);
  const held = useAsync(() => call('wish', 'heldTexts', { communityId, limit: 20 }), [communityId, seen]);
  const heldCount = held.data?.items.length ?? 0;
  const heldMore = held.data?.nextCursor !== null && held.data?.nextCursor !== undefined;
  const count = queue.data?.items.length ?? 0;
  const more = queue.data?.nextCursor !== null && queue.data?.nextCursor !== undefined;
  return (
    <View
      className={`wall-review ${count > 0 || heldCount > 0 ? 'has-items' : ''}`}
      data-testid='wish-review-banner'
      onClick={() => {
        askSubscriptionOnce(['wishReview']); // in the tap: the next wish waiting for review reaches WeChat too
        void Taro.navigateTo({ url: wishUrls.review(communityId) });
      }}
    >
      <Text className='wall-review__title'>心愿审核</Text>
      <Text className='wall-review__text'>
        {queue.loading && !queue.data
          ? '正在查看待审核的心愿…'
          : count > 0
            ? `${count}${more ? '+' : ''} 个心愿待审核`
            : '暂无待审核的心愿'}
      </Text>
      {heldCount > 0 ? (
        <Text className='wall-review__text' data-testid='wish-held-count'>
          {heldCount}
          {heldMore ? '+' : ''} 个心愿有内容待人工审核
        </Text>
      ) : null}
      <Text className='wall-review__go'>去审核 ›</Text>
    </View>
  );
}

function Shortcuts({ roles, onPost }: { roles: Role[]; onPost: () => void }) {
  const resident = firstRole(roles, ['resident']);
  const claimant = firstRole(roles, ['member', 'liaison']);
  return (
    <View className='wall-hero'>
      <Text className='wall-hero__title'>微心愿</Text>
      <Text className='wall-hero__text'>居民许下小心愿，党员认领来帮忙</Text>
      {resident ? (
        <Button className='btn wall-hero__post' onClick={onPost} data-testid='wish-post'>
          许个心愿
        </Button>
      ) : null}
      {resident || claimant ? (
        <View className='wall-hero__links'>
          {(
            [
              [resident, 'poster', '我的心愿 ›'],
              [claimant, 'claimer', '我的认领 ›'],
            ] as const
          ).map(([role, as, text]) =>
            role ? (
              <View
                key={as}
                className='wall-hero__link'
                onClick={() => void Taro.navigateTo({ url: wishUrls.mine(as) })}
                data-testid={`wish-mine-${as}`}
              >
                {text}
              </View>
            ) : null,
          )}
        </View>
      ) : null}
    </View>
  );
}

function Wall({ roles, communityId, seen }: { roles: Role[]; communityId: string; seen: number }) {
  const [category, setCategory] = useState<WishCategory | null>(null);
  const [estateId, setEstateId] = useState<string | null>(null);
  const tree = useAsync(() => call('org', 'getTree', { communityId }), [communityId]);
  const list = usePaged(
    (cursor) =>
      call('wish', 'wall', {
        communityId,
        ...(category ? { category } : {}),
        ...(estateId ? { estateId } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        limit: 10,
      }),
    [communityId, category, estateId, seen],
  );
  const reviewer = reviewCommunityId(roles);
  const estates = (tree.data?.estates ?? []).map((e) => [e.id, e.name] as const);
  const filtered = category !== null || estateId !== null;

  return (
    <>
      <Shortcuts roles={roles} onPost={() => void Taro.navigateTo({ url: wishUrls.post })} />
      {reviewer ? <ReviewBanner communityId={reviewer} seen={seen} /> : null}
      <Text className='section-title'>心愿墙{tree.data ? ` · ${tree.data.community.name}` : ''}</Text>
      <FilterChips
        label='按类别'
        options={categories}
        value={category}
        onChange={setCategory}
        testId='wish-filter-category'
      />
      {estates.length > 1 ? (
        <FilterChips
          label='按小区'
          options={estates}
          value={estateId}
          onChange={setEstateId}
          testId='wish-filter-estate'
        />
      ) : null}
      <View className='wall-gap' />
      <PagedList
        state={list}
        keyOf={(w) => w.id}
        emptyTitle={filtered ? '没有符合条件的心愿' : '还没有心愿'}
        emptyHint={filtered ? '换个类别或小区看看' : '居民许下的心愿审核通过后会出现在这里，下拉可刷新'}
        renderItem={(w) => (
          <WishCardView wish={w} onOpen={() => void Taro.navigateTo({ url: wishUrls.detail(w.id) })} />
        )}
      />
    </>
  );
}

/** Someone with no role in a community is asked to bind a household first. */
const bindCard = {
  className: 'wall-bind',
  testId: 'wish-need-binding',
  text: '绑定房屋并通过审核后，就可以查看本社区的心愿，也可以许下自己的心愿。',
};

export function WishWallScreen() {
  return (
    <CommunityTab
      loadingLabel='正在读取心愿…'
      screenClass='screen wall'
      hero={
        <View className='wall-hero'>
          <Text className='wall-hero__title'>微心愿</Text>
          <Text className='wall-hero__text'>居民许下小心愿，党员认领来帮忙</Text>
        </View>
      }
      bind={bindCard}
    >
      {({ roles, communityId, seen }) => (
        <View className='screen wall'>
          <Wall roles={roles} communityId={communityId} seen={seen} />
        </View>
      )}
    </CommunityTab>
  );
}
