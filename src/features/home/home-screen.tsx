/**
 * 首页: who I am (account.me), whether the service answers (system.ping), and the community
 * services, each a tap away. Pull down to refresh.
 */
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { useAsync } from '@/shared/use-async';
import { ErrorView, LoadingView } from '@/shared/ui/state-view';
import { AppError } from '~types/errors';
import './home-screen.scss';
import { useCurrentUser } from '@/shared/current-user';

/** Each tile opens its tab, or (双报到: registration, events and check-in, points) its page. */
const services: Array<{ key: string; title: string; desc: string; tab?: string; page?: string }> = [
  { key: 'wish', title: '微心愿', desc: '居民许愿，党员认领', tab: '/pages/wish/index' },
  { key: 'volunteer', title: '志愿服务', desc: '报名、签到、记时长', tab: '/pages/volunteer/index' },
  { key: 'deliberation', title: '小区议事', desc: '六步议事，共商共治', tab: '/pages/deliberation/index' },
  { key: 'checkin', title: '双报到', desc: '报到、活动签到、积分', page: '/packages/checkin/pages/index/index' },
];

function Greeting() {
  const { me } = useCurrentUser();
  usePullDownRefresh(() => {
    void me.reload().finally(() => Taro.stopPullDownRefresh());
  });
  if (me.loading && !me.data) return <LoadingView label='正在确认您的身份…' />;
  if (me.error instanceof AppError && me.error.code === 'UNAUTHENTICATED') {
    return (
      <View className='home-card'>
        <Text className='home-card__title'>欢迎来到红色邻里</Text>
        <Text className='home-card__text'>{me.error.message}</Text>
      </View>
    );
  }
  if (me.error) return <ErrorView message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  const profile = me.data?.profile;
  return (
    <View className='home-card' data-testid='greeting'>
      {profile ? (
        <>
          <Text className='home-card__title'>您好，{profile.name}</Text>
          <Text className='home-card__text'>欢迎回到红色邻里</Text>
        </>
      ) : (
        <>
          <Text className='home-card__title'>欢迎来到红色邻里</Text>
          <Text className='home-card__text'>您还没有登记，登记后即可参与社区事务</Text>
        </>
      )}
    </View>
  );
}

function ServiceStatus() {
  const ping = useAsync(() => call('system', 'ping', {}), []);
  usePullDownRefresh(() => {
    void ping.reload();
  });
  return (
    <View className='home-status' data-testid='service-status'>
      <View className={`home-status__dot ${ping.data ? 'is-ok' : ping.error ? 'is-down' : ''}`} />
      <Text className='home-status__text'>
        {ping.loading && !ping.data
          ? '正在连接服务…'
          : ping.error
            ? `服务暂不可用：${errorMessage(ping.error)}`
            : `服务正常${ping.data?.runtime === 'local' ? '（本地模式）' : ''} · 数据库 ${ping.data?.databaseMs ?? 0} 毫秒`}
      </Text>
    </View>
  );
}

export function HomeScreen() {
  return (
    <View className='home'>
      <View className='home__hero'>
        <Text className='home__brand'>红色邻里</Text>
        <Text className='home__slogan'>党建引领 · 邻里共治</Text>
      </View>
      <Greeting />
      <View className='home__section-title'>社区服务</View>
      <View className='home__grid'>
        {services.map((item) => (
          <View
            key={item.key}
            className='home-tile'
            role='link'
            data-testid={`home-tile-${item.key}`}
            onClick={() =>
              void (item.page
                ? Taro.navigateTo({ url: item.page })
                : item.tab
                  ? Taro.switchTab({ url: item.tab })
                  : null)
            }
          >
            <Text className='home-tile__title'>{item.title}</Text>
            <Text className='home-tile__desc'>{item.desc}</Text>
            <Text className='home-tile__badge home-tile__badge--live'>立即使用</Text>
          </View>
        ))}
      </View>
      <ServiceStatus />
    </View>
  );
}
