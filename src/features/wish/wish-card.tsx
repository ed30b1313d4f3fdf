/**
 * One wish as a list shows it (the wall, my wishes, my claims, the review queue): category
 * chip, title, an excerpt, the first photo, the masked poster and estate, the wanted-by date
 * and the state. Never more than the card carries (no room, no phone).
 */
import type { ReactNode } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { ProxyMark } from '@/shared/ui/proxy-mark';
import { HELD_TAG } from '@/shared/held';
import { wishCategoryLabels, wishStateLabels, type WishState } from '~types/labels/wish';
import type { WishCard as Card } from '~types/wish';
import './wish.scss';

/** The tag colour of each state. */
const stateTone: Record<WishState, string> = {
  submitted: 'pending',
  published: 'red',
  rejected: 'rejected',
  claimed: 'claimed',
  fulfilled: 'approved',
  confirmed: 'approved',
  withdrawn: 'muted',
  expired: 'muted',
};

export function StateBadge({ state }: { state: WishState }) {
  return (
    <Text className={`tag wish-state wish-state--${stateTone[state]}`} data-testid='wish-state'>
      {wishStateLabels[state]}
    </Text>
  );
}

export function CategoryChip({ category }: { category: Card['category'] }) {
  return <Text className='wish-category'>{wishCategoryLabels[category]}</Text>;
}

export function WishCardView({ wish, onOpen, children }: { wish: Card; onOpen: () => void; children?: ReactNode }) {
  const photo = wish.photos[0];
  return (
    <View className='card wish-card' data-testid='wish-card'>
      <View className='wish-card__main' onClick={onOpen} role='link' aria-label={wish.title}>
        <View className='wish-card__body'>
          <View className='wish-card__head'>
            <CategoryChip category={wish.category} />
            <StateBadge state={wish.state} />
            {wish.held ? (
              <Text className='held-tag' data-testid='held-tag'>
                {HELD_TAG}
              </Text>
            ) : null}
          </View>
          <Text className='wish-card__title'>{wish.title}</Text>
          <Text className='wish-card__excerpt'>{wish.content}</Text>
        </View>
        {photo ? <Image className='wish-card__thumb' src={photo.url} mode='aspectFill' lazyLoad /> : null}
      </View>
      <View className='wish-card__meta'>
        <Text className='wish-card__who'>
          {wish.posterName} · {wish.estateName}
          {wish.proxyName ? ' ' : null}
          <ProxyMark name={wish.proxyName} />
        </Text>
        <Text className='wish-card__date'>期望 {wish.wantedBy} 前</Text>
      </View>
      {wish.claimerName && (wish.state === 'claimed' || wish.state === 'fulfilled' || wish.state === 'confirmed') ? (
        <Text className='wish-card__claimer'>认领：{wish.claimerName}</Text>
      ) : null}
      {children}
    </View>
  );
}
