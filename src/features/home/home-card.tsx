/**
 * One card of the home: its title (marked 待办 when it waits for the person), its own loading,
 * error (with 重试) and empty states, a few rows (each opening its page when it has one) and a
 * link to the screen that acts on them (asking consent to the card's subscription kinds, once a
 * run). Registers its reload so pull-to-refresh reloads it.
 */
import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { askSubscriptionOnce } from '@/shared/subscribe';
import { useAsync } from '@/shared/use-async';
import { ErrorView } from '@/shared/ui/state-view';
import { TAB_URLS, type HomeCard } from './home-cards';

/** Opens a page, or switches tab when the url is a tab page. */
export function openUrl(url: string): void {
  void (TAB_URLS.includes(url) ? Taro.switchTab({ url }) : Taro.navigateTo({ url }));
}

export function HomeCardView({
  card,
  register,
}: {
  card: HomeCard;
  register: (key: string, reload: (() => Promise<void>) | null) => void;
}) {
  const state = useAsync(() => card.load(call), [card.key]);
  useEffect(() => {
    register(card.key, state.reload);
    return () => register(card.key, null);
  }, [card.key, register, state.reload]);
  const data = state.data;
  const count = data?.rows.length ?? 0;
  return (
    <View className={`home-card ${card.todo ? 'home-card--todo' : ''}`} data-testid={`home-card-${card.key}`}>
      <View className='home-card__head'>
        <Text className='home-card__title'>{card.title}</Text>
        {card.todo && count > 0 ? (
          <Text className='home-card__badge' data-testid='home-card-count'>
            {count}
            {data?.more ? '+' : ''} 项待办
          </Text>
        ) : null}
      </View>
      {state.loading && !data ? (
        <Text className='home-card__hint' aria-busy='true'>
          加载中…
        </Text>
      ) : state.error && !data ? (
        <ErrorView message={errorMessage(state.error)} onRetry={() => void state.reload()} />
      ) : (
        <>
          {data?.headline ? <Text className='home-card__headline'>{data.headline}</Text> : null}
          {count === 0 && !data?.headline ? <Text className='home-card__hint'>{card.empty}</Text> : null}
          {data?.rows.map((row) => (
            <View
              key={row.id}
              className='home-card__row'
              role={row.url ? 'link' : undefined}
              onClick={row.url ? () => openUrl(row.url!) : undefined}
            >
              <Text className='home-card__text'>{row.text}</Text>
              {row.detail ? <Text className='home-card__detail'>{row.detail}</Text> : null}
            </View>
          ))}
        </>
      )}
      <View
        className='home-card__link'
        role='link'
        onClick={() => {
          if (card.consent) askSubscriptionOnce(card.consent); // in the tap, before anything else
          openUrl(card.url);
        }}
      >
        <Text>
          {card.linkText}
          {data?.more ? '（还有更多）' : ''} ›
        </Text>
      </View>
    </View>
  );
}
