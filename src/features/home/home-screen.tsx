/**
 * 首页, by role: a greeting with who I am (account.me), then my cards (home-cards.ts) — first
 * what waits for me (绑定、报到、心愿审核、待人工复核, topics at their step, votes for my household), then
 * what is mine and what is new (activities, quarter points, my wishes, unread messages) — and
 * the community services, each a tap away. Each card loads on its own; pull down reloads all,
 * and so does coming back to the home (a to-do just decided elsewhere leaves it).
 */
import { useCallback, useMemo, useRef } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { errorMessage } from '@/services/cloud';
import { useCurrentUser, type Me } from '@/shared/current-user';
import { ElderModeOffer } from '@/shared/ui/elder-mode';
import { LinkTiles, type LinkTile } from '@/shared/ui/link-tiles';
import { ErrorView, LoadingView } from '@/shared/ui/state-view';
import { roleKindLabels } from '~types/labels/account';
import { HomeCardView, openUrl } from './home-card';
import { homeCards } from './home-cards';
import './home-screen.scss';

/** Each tile opens its tab, or (双报到: registration, events and check-in, points) its page. */
const HOME_TILES = { grid: 'home__grid', tile: 'home-tile', title: 'home-tile__title', desc: 'home-tile__desc' };

const services: LinkTile[] = [
  { key: 'wish', title: '微心愿', desc: '居民许愿，党员认领', url: '/pages/wish/index' },
  { key: 'volunteer', title: '志愿服务', desc: '报名、签到、记时长', url: '/pages/volunteer/index' },
  { key: 'deliberation', title: '小区议事', desc: '六步议事，共商共治', url: '/pages/deliberation/index' },
  { key: 'checkin', title: '双报到', desc: '报到、活动签到、积分', url: '/packages/checkin/pages/index/index' },
];

/** "社区管理员 · 幸福里社区": each of the person's roles (the first three) with the place it covers. */
function roleLines(me: Me): string[] {
  return [...new Set(me.roles.map((r) => `${roleKindLabels[r.kind]} · ${r.scopeLabel}`))].slice(0, 3);
}

function Greeting({ me }: { me: Me }) {
  const profile = me.profile;
  return (
    <View className='home-greeting' data-testid='greeting'>
      {profile ? (
        <>
          <Text className='home-greeting__title'>您好，{profile.name}</Text>
          {me.roles.length === 0 ? <Text className='home-greeting__text'>欢迎来到红色邻里</Text> : null}
          {roleLines(me).map((line) => (
            <Text key={line} className='home-greeting__text'>
              {line}
            </Text>
          ))}
        </>
      ) : (
        <>
          <Text className='home-greeting__title'>欢迎来到红色邻里</Text>
          <Text className='home-greeting__text'>您还没有登记，请到“我的”页面登记后参与社区事务</Text>
          <View className='home-greeting__action' role='link' onClick={() => openUrl('/pages/mine/index')}>
            <Text>去登记 ›</Text>
          </View>
        </>
      )}
    </View>
  );
}

function Cards({ me }: { me: Me }) {
  const cards = useMemo(() => homeCards(me), [me]);
  const reloads = useRef(new Map<string, () => Promise<void>>());
  const register = useCallback((key: string, reload: (() => Promise<void>) | null) => {
    if (reload) reloads.current.set(key, reload);
    else reloads.current.delete(key);
  }, []);
  const reloadAll = useCallback(() => Promise.allSettled([...reloads.current.values()].map((reload) => reload())), []);
  usePullDownRefresh(() => {
    void reloadAll().finally(() => Taro.stopPullDownRefresh());
  });
  // Back on the home (a tab switch, or back from the screen that decided a to-do): reload the
  // cards, quietly (each keeps its rows while it reloads). Only after the home was hidden with
  // the cards on it: their first load is their own (they mount after the page first shows).
  const hidden = useRef(false);
  useDidHide(() => {
    hidden.current = true;
  });
  useDidShow(() => {
    if (hidden.current) void reloadAll();
    hidden.current = false;
  });
  if (cards.length === 0) return null;
  return (
    <View className='home__cards' data-testid='home-cards'>
      {cards.map((card) => (
        <HomeCardView key={card.key} card={card} register={register} />
      ))}
    </View>
  );
}

function Mine() {
  const { me } = useCurrentUser();
  usePullDownRefresh(() => {
    void me.reload().finally(() => Taro.stopPullDownRefresh());
  });
  if (me.loading && !me.data) return <LoadingView label='正在确认您的身份…' />;
  if (me.error || !me.data)
    return <ErrorView error={me.error} message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  return (
    <>
      <Greeting me={me.data} />
      <Cards me={me.data} />
    </>
  );
}

/** 代办 (docs/adr/0040-proxy-acts.md): for a 网格员, 网格长 or 楼栋党小组长. */
const proxyTile = {
  key: 'proxy',
  title: '为居民代办',
  desc: '帮没有手机的居民办事',
  url: '/packages/proxy/pages/act/index',
};
const PROXY_KINDS = new Set(['building_leader', 'grid_worker', 'grid_leader']);

function useServices() {
  const { me } = useCurrentUser();
  const proxy = (me.data?.roles ?? []).some((r) => PROXY_KINDS.has(r.kind));
  return proxy ? [...services, proxyTile] : services;
}

export function HomeScreen() {
  const tiles = useServices();
  return (
    <View className='home'>
      <View className='home__hero'>
        <Text className='home__brand'>红色邻里</Text>
        <Text className='home__slogan'>党建引领 · 邻里共治</Text>
      </View>
      <Mine />
      <ElderModeOffer />
      <Text className='home__section-title'>社区服务</Text>
      <LinkTiles tiles={tiles} classes={HOME_TILES} testIdPrefix='home-tile-' open={openUrl} />
    </View>
  );
}
