/**
 * 我的心愿 / 我的认领 (`?as=poster|claimer`): the caller's wishes as poster, or their claims,
 * newest first, in every state; a switch at the top changes between the two. Refreshes when
 * the page shows again (back from a wish's detail) and on pull down.
 */
import { useRef, useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { call } from '@/services/cloud';
import { pageParam } from '@/shared/page-params';
import { usePaged } from '@/shared/use-paged';
import { PagedList } from '@/shared/ui/paged-list';
import { wishUrls } from './urls';
import { WishCardView } from './wish-card';
import './wish-pages.scss';

type As = 'poster' | 'claimer';
const titles: Record<As, string> = { poster: '我的心愿', claimer: '我的认领' };

export function MyWishesScreen() {
  const [as, setAs] = useState<As>(pageParam('as') === 'claimer' ? 'claimer' : 'poster');
  const list = usePaged(
    (cursor) => call('wish', 'mine', { as, ...(cursor !== undefined ? { cursor } : {}), limit: 10 }),
    [as],
  );
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.refresh();
    shown.current = true;
  });
  const choose = (next: As) => {
    setAs(next);
    void Taro.setNavigationBarTitle({ title: titles[next] });
  };

  return (
    <View className='screen'>
      <View className='wish-segment' role='tablist'>
        {(['poster', 'claimer'] as const).map((key) => (
          <View
            key={key}
            className={`wish-segment__item ${as === key ? 'is-active' : ''}`}
            role='tab'
            aria-selected={as === key}
            onClick={() => choose(key)}
          >
            {titles[key]}
          </View>
        ))}
      </View>
      <PagedList
        state={list}
        keyOf={(w) => w.id}
        emptyTitle={as === 'poster' ? '您还没有许过心愿' : '您还没有认领过心愿'}
        emptyHint={as === 'poster' ? '到心愿墙点“许个心愿”，说说您需要的帮助' : '到心愿墙看看邻居们的心愿吧'}
        renderItem={(w) => (
          <WishCardView wish={w} onOpen={() => void Taro.navigateTo({ url: wishUrls.detail(w.id) })} />
        )}
      />
      {!list.loading && list.items.length === 0 && !list.error ? (
        <Button className='btn btn--ghost btn--block' onClick={() => void Taro.switchTab({ url: wishUrls.wall })}>
          去心愿墙
        </Button>
      ) : null}
    </View>
  );
}
