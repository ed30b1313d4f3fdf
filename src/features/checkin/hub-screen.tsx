/**
 * 双报到 (opened from 首页): what the person can do here, by role — register, events and
 * check-in, their points; for admins the reviews and assessment; for a liaison the unit's
 * service cards — and where their registration stands.
 */
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { adminCommunityId, liaisonRole, memberRole, organiserCommunityId } from '@/shared/roles';
import { useAsync } from '@/shared/use-async';
import { useCurrentUser } from '@/shared/current-user';
import { LinkTiles, type LinkTile } from '@/shared/ui/link-tiles';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import { registrationStatusLabels } from '~types/labels/checkin';
import { ADMIN_ROOT, checkinPageUrl, POINTS_URL, SERVICE_CARDS_URL } from './urls';
import './checkin.scss';

const HUB_TILES = { grid: 'hub__grid', tile: 'hub__tile', title: 'hub__tile-title', desc: 'hub__tile-desc' };

export function HubScreen() {
  const { me, communityId } = useCurrentUser();
  const mine = useAsync(() => call('checkin', 'myRegistrations', {}), []);
  usePullDownRefresh(() => {
    void Promise.all([me.reload(), mine.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  if (me.loading && !me.data) return <LoadingView />;
  if (me.error && !me.data)
    return <ErrorView error={me.error} message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  const roles = me.data?.roles ?? [];
  if (!me.data?.registered || !communityId) {
    return <EmptyView title='您还不是社区成员' hint='请先在“我的”页面完善资料并绑定房屋，再来报到' />;
  }
  const q = `?communityId=${encodeURIComponent(communityId)}`;
  const admin = adminCommunityId(roles) === communityId;
  const liaison = liaisonRole(roles);
  const tiles: LinkTile[] = [
    {
      key: 'register',
      title: '到社区报到',
      desc: '在职党员向居住地社区报到',
      url: checkinPageUrl('register', communityId),
    },
    {
      key: 'events',
      title: '活动签到',
      desc: organiserCommunityId(roles) ? '发起活动，现场扫码签到' : '参加活动，扫码签到',
      url: checkinPageUrl('events', communityId),
    },
    { key: 'points', title: '我的积分', desc: '积分明细与季度达标', url: `${POINTS_URL}${q}` },
    ...(liaison
      ? [
          {
            key: 'cards',
            title: '服务卡',
            desc: '本单位党员的季度服务记录',
            url: `${SERVICE_CARDS_URL}?workUnitId=${encodeURIComponent(liaison.workUnitId!)}&communityId=${encodeURIComponent(liaison.communityId)}`,
          },
        ]
      : []),
    ...(admin
      ? [
          {
            key: 'review',
            title: '报到审核',
            desc: '审核党员和单位的报到',
            url: `${ADMIN_ROOT}/registration-review/index${q}`,
          },
          {
            key: 'rules',
            title: '积分规则',
            desc: '各项积分分值与达标线',
            url: `${ADMIN_ROOT}/points-rules/index${q}`,
          },
          {
            key: 'quarter',
            title: '季度考核',
            desc: '积分排名、达标情况与导出',
            url: `${ADMIN_ROOT}/quarter-report/index${q}`,
          },
          { key: 'ratings', title: '年度评议', desc: '评议党员和报到单位', url: `${ADMIN_ROOT}/ratings/index${q}` },
        ]
      : []),
  ];
  const latest = mine.data?.items.find((r) => r.communityId === communityId);
  const member = memberRole(roles);
  return (
    <View className='screen'>
      <View className='hub__hero'>
        <Text className='hub__title'>双报到</Text>
        <Text className='hub__text'>在职党员到社区报到，参加活动、服务群众、积分考核</Text>
      </View>
      <View className='card hub__status' data-testid='hub-status'>
        <Text className='card__title'>我的报到</Text>
        <Text className='card__text'>
          {latest
            ? `${latest.workUnitName} · ${registrationStatusLabels[latest.status]}`
            : member
              ? '您还没有向本社区报到'
              : '党员可在此向居住地社区报到'}
        </Text>
      </View>
      <LinkTiles tiles={tiles} classes={HUB_TILES} />
    </View>
  );
}
