/**
 * 我的: who I am (or a first-visit form), my roles, my household bindings and requests
 * (withdraw a pending one), the way to bind a household, and — only for those who hold the
 * role — 双报到与积分 (registration, points, events, service cards) and the admin, leader and 街道 tools; at the
 * bottom, the 隐私保护指引. Refreshes when the page shows again (after binding).
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { alertModal, confirmModal } from '@/shared/modal';
import { PRIVACY_PAGE_URL } from '@/shared/privacy';
import {
  adminCommunityId,
  liaisonRole,
  memberRole,
  organiserCommunityId,
  reviewCommunityId,
  streetAdminRole,
  streetViewerRole,
} from '@/shared/roles';
import { ElderModeSwitch } from '@/shared/ui/elder-mode';
import { LinkTiles, type LinkTile } from '@/shared/ui/link-tiles';
import { ErrorView, LoadingView } from '@/shared/ui/state-view';
import { useButtonAction } from '@/shared/use-action';
import { bindingStatusLabels, relationLabels, roleKindLabels } from '~types/labels/account';
import type { BindingRequest, MeResult, Role } from '~types/account';
import { ProfileForm } from './profile-form';
import './mine-screen.scss';
import { useCurrentUser } from '@/shared/current-user';
import { BusyButton } from '@/shared/ui/busy-button';
import { getLocalOpenid } from '@/shared/local-identity';
import { NeedView } from '@/shared/ui/need-view';

const BIND_URL = '/packages/account/pages/bind/index';
const MESSAGES_URL = '/packages/messages/pages/index/index';
const ADMIN_ROOT = '/packages/admin/pages';
const CHECKIN_ROOT = '/packages/checkin/pages';
const POINTS_ROOT = '/packages/points/pages';
const DASHBOARD_URL = '/packages/dashboard/pages/index/index';

function ProfileHeader({ me, onEdit }: { me: MeResult; onEdit: () => void }) {
  const profile = me.profile!;
  return (
    <View className='mine__hero'>
      <View className='mine__avatar' aria-hidden>
        <Text>{profile.name.slice(0, 1)}</Text>
      </View>
      <View className='mine__who'>
        <Text className='mine__name' data-testid='mine-name'>
          {profile.name}
        </Text>
        <Text className='mine__phone'>{profile.phone ?? '未填写手机号'}</Text>
      </View>
      <Text className='mine__edit' onClick={onEdit}>
        修改资料
      </Text>
    </View>
  );
}

/** 消息中心, with the unread count the tab page read (null: not known yet). */
function MessagesEntry({ unread }: { unread: number | null }) {
  return (
    <View
      className='card'
      style={{ marginTop: Taro.pxTransform(24) }}
      role='link'
      data-testid='mine-messages'
      onClick={() => void Taro.navigateTo({ url: MESSAGES_URL })}
    >
      <View className='card__row'>
        <Text className='card__title'>消息中心</Text>
        {unread ? (
          <Text className='tag tag--red' data-testid='mine-messages-unread'>
            {unread > 99 ? '99+' : unread} 条未读
          </Text>
        ) : (
          <Text className='card__text'>查看通知 ›</Text>
        )}
      </View>
    </View>
  );
}

/** 隐私保护指引: always reachable from 我的, registered or not. */
function PrivacyEntry() {
  return (
    <View
      className='mine__privacy'
      role='link'
      data-testid='mine-privacy'
      onClick={() => void Taro.navigateTo({ url: PRIVACY_PAGE_URL })}
    >
      <Text>隐私保护指引 ›</Text>
    </View>
  );
}

/** 我的代办授权 (docs/adr/0040-proxy-acts.md): for a resident, who may act for her. */
function ProxyConsentsEntry() {
  return (
    <View
      className='mine__privacy'
      role='link'
      data-testid='mine-proxy-consents'
      onClick={() => void Taro.navigateTo({ url: '/packages/proxy/pages/consents/index' })}
    >
      <Text>我的代办授权 ›</Text>
    </View>
  );
}

function Roles({ roles }: { roles: Role[] }) {
  return (
    <>
      <Text className='section-title'>我的身份</Text>
      {roles.length === 0 ? (
        <View className='card'>
          <Text className='card__text'>暂无身份。绑定房屋并通过审核后，您将成为小区居民。</Text>
        </View>
      ) : (
        <View className='card' data-testid='my-roles'>
          {roles.map((role) => (
            <View key={role.id} className='mine__role'>
              <Text className='tag tag--red mine__role-kind'>{roleKindLabels[role.kind]}</Text>
              <Text className='mine__role-scope'>{role.scopeLabel}</Text>
            </View>
          ))}
        </View>
      )}
    </>
  );
}

function BindingCard({ binding, onChanged }: { binding: BindingRequest; onChanged: () => void }) {
  const { busy, press } = useButtonAction();
  const withdraw = () =>
    press(
      async () => {
        await call('account', 'withdrawBinding', { requestId: binding.id });
        void Taro.showToast({ title: '已撤回', icon: 'success' });
        onChanged();
      },
      {
        confirm: () =>
          confirmModal({
            title: '撤回申请',
            content: `确定撤回绑定“${binding.householdLabel}”的申请吗？`,
            confirmText: '撤回',
            cancelText: '再想想',
          }),
        onError: (e) => alertModal('撤回失败', errorMessage(e)),
      },
    );
  return (
    <View className='card' data-testid='binding-card'>
      <View className='card__row'>
        <Text className='card__title'>{binding.householdLabel}</Text>
        <Text className={`tag tag--${binding.status}`}>{bindingStatusLabels[binding.status]}</Text>
      </View>
      <Text className='card__text'>
        {relationLabels[binding.relation]} · 申请于 {formatShanghai(binding.createdAt)}
      </Text>
      {binding.status === 'rejected' && binding.reason ? (
        <Text className='card__text mine__reason'>驳回原因：{binding.reason}</Text>
      ) : null}
      {binding.decidedAt && binding.status !== 'withdrawn' ? (
        <Text className='card__text'>
          {binding.decidedByName ? `${binding.decidedByName} ` : ''}审核于 {formatShanghai(binding.decidedAt)}
        </Text>
      ) : null}
      {binding.status === 'pending' ? (
        <View className='card__actions'>
          <BusyButton className='btn btn--ghost btn--small' busy={busy} onTap={() => void withdraw()}>
            撤回申请
          </BusyButton>
        </View>
      ) : null}
    </View>
  );
}

const TOOL_TILES = { grid: 'mine__tools', tile: 'mine__tool', title: 'mine__tool-title', desc: 'mine__tool-desc' };

function ToolGrid({ title, tools }: { title: string; tools: LinkTile[] }) {
  if (tools.length === 0) return null;
  return (
    <>
      <Text className='section-title'>{title}</Text>
      <LinkTiles tiles={tools} classes={TOOL_TILES} />
    </>
  );
}

const q = (communityId: string) => `?communityId=${encodeURIComponent(communityId)}`;

/** 双报到与积分: a member registers, checks in and sees points; organisers run events; a liaison sees service cards. */
function CheckinTools({ roles }: { roles: Role[] }) {
  const member = memberRole(roles);
  const organiser = organiserCommunityId(roles);
  const liaison = liaisonRole(roles);
  const tools: LinkTile[] = [
    ...(member
      ? [
          {
            key: 'register',
            title: '到社区报到',
            desc: '在职党员向居住地社区报到',
            url: `${CHECKIN_ROOT}/register/index${q(member.communityId)}`,
          },
          {
            key: 'points',
            title: '我的积分',
            desc: '积分明细与季度达标',
            url: `${POINTS_ROOT}/mine/index${q(member.communityId)}`,
          },
        ]
      : []),
    ...(member || organiser
      ? [
          {
            key: 'events',
            title: '活动签到',
            desc: organiser ? '发起活动，现场扫码签到' : '参加活动，扫码签到',
            url: `${CHECKIN_ROOT}/events/index${q(organiser ?? member!.communityId)}`,
          },
        ]
      : []),
    ...(liaison
      ? [
          {
            key: 'cards',
            title: '服务卡',
            desc: '本单位党员的季度服务记录',
            url: `${POINTS_ROOT}/service-cards/index${q(liaison.communityId)}&workUnitId=${encodeURIComponent(liaison.workUnitId!)}`,
          },
        ]
      : []),
  ];
  return <ToolGrid title='双报到与积分' tools={tools} />;
}

function Tools({ roles }: { roles: Role[] }) {
  const admin = adminCommunityId(roles);
  const reviewer = reviewCommunityId(roles);
  const page = (name: string, community: string) => `${ADMIN_ROOT}/${name}/index${q(community)}`;
  const tools: LinkTile[] = [
    ...(reviewer
      ? [{ key: 'review', title: '绑定审核', desc: '审核居民的房屋绑定申请', url: page('binding-review', reviewer) }]
      : []),
    ...(admin
      ? [
          {
            key: 'dashboard',
            title: '数据看板',
            desc: '报到、签到、心愿、志愿与议事统计',
            url: `${DASHBOARD_URL}${q(admin)}`,
          },
          {
            key: 'registrations',
            title: '报到审核',
            desc: '审核党员和单位的报到',
            url: page('registration-review', admin),
          },
          { key: 'rules', title: '积分规则', desc: '各项积分分值与达标线', url: page('points-rules', admin) },
          { key: 'quarter', title: '季度考核', desc: '积分排名、达标与导出', url: page('quarter-report', admin) },
          { key: 'ratings', title: '年度评议', desc: '评议党员和报到单位', url: page('ratings', admin) },
          { key: 'org', title: '组织管理', desc: '小区、楼栋、房屋与导入', url: page('org', admin) },
          { key: 'people', title: '人员与角色', desc: '查找人员，授予或撤销角色', url: page('people', admin) },
          { key: 'audit', title: '审计日志', desc: '谁在何时做了什么', url: page('audit', admin) },
        ]
      : []),
  ];
  return <ToolGrid title={admin ? '社区管理' : '楼栋工作'} tools={tools} />;
}

/**
 * 街道工作: a street viewer reads the street's dashboards (opened in the street view, from their
 * home community); a street admin grants and revokes the street's viewers (人员与角色 in street mode).
 */
function StreetTools({ roles }: { roles: Role[] }) {
  const viewer = streetViewerRole(roles);
  const streetAdmin = streetAdminRole(roles);
  const tools: LinkTile[] = [
    ...(viewer
      ? [
          {
            key: 'street-dashboard',
            title: '街道数据看板',
            desc: `${viewer.scopeLabel}各社区数据（只读）`,
            url: `${DASHBOARD_URL}${q(viewer.communityId)}&street=1`,
          },
        ]
      : []),
    ...(streetAdmin
      ? [
          {
            key: 'street-viewers',
            title: '街道工作人员',
            desc: `授予或撤销${streetAdmin.scopeLabel}的看板查看权限`,
            url: `${ADMIN_ROOT}/people/index${q(streetAdmin.communityId)}&street=1`,
          },
        ]
      : []),
  ];
  return <ToolGrid title='街道工作' tools={tools} />;
}

export function MineScreen({ unread = null }: { unread?: number | null }) {
  const { me } = useCurrentUser();
  const [editing, setEditing] = useState(false);
  usePullDownRefresh(() => {
    void me.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useDidShow(() => {
    if (me.data) void me.reload();
  });

  if (me.loading && !me.data) return <LoadingView label='正在读取您的资料…' />;
  if (LOCAL_MODE && !getLocalOpenid()) {
    return (
      <View className='mine'>
        <NeedView need='sign-in' />
        <ElderModeSwitch />
      </View>
    );
  }
  if (me.error && !me.data)
    return <ErrorView error={me.error} message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  const data = me.data!;
  const reload = () => void me.reload();

  if (!data.registered || !data.profile) {
    return (
      <View className='mine'>
        <View className='mine__hero mine__hero--empty'>
          <Text className='mine__name'>我的</Text>
        </View>
        <View className='mine__lift'>
          <ProfileForm initial={null} onSaved={reload} />
        </View>
        <ElderModeSwitch />
        <PrivacyEntry />
      </View>
    );
  }

  // Households the person lives in that no approved request below already shows (e.g. the demo's residents).
  const requested = new Set(data.bindings.filter((b) => b.status === 'approved').map((b) => b.householdId));
  const homes = data.roles.filter((r) => r.kind === 'resident' && r.householdId && !requested.has(r.householdId));
  return (
    <View className='mine'>
      <ProfileHeader me={data} onEdit={() => setEditing(true)} />
      {editing ? (
        <View className='mine__lift'>
          <ProfileForm
            initial={data.profile}
            onSaved={() => {
              setEditing(false);
              reload();
            }}
            onCancel={() => setEditing(false)}
          />
        </View>
      ) : null}
      <MessagesEntry unread={unread} />
      <Roles roles={data.roles} />
      <Text className='section-title'>我的房屋</Text>
      {homes.map((role) => (
        <View key={role.id} className='card' data-testid='home-card'>
          <View className='card__row'>
            <Text className='card__title'>{role.scopeLabel}</Text>
            <Text className='tag tag--approved'>已绑定</Text>
          </View>
          <Text className='card__text'>绑定于 {formatShanghai(role.grantedAt)}</Text>
        </View>
      ))}
      {data.bindings.map((b) => (
        <BindingCard key={b.id} binding={b} onChanged={reload} />
      ))}
      {homes.length === 0 && data.bindings.length === 0 ? (
        <View className='card'>
          <Text className='card__text'>还没有绑定房屋。绑定后可以参与小区议事、发布微心愿。</Text>
        </View>
      ) : null}
      <Button
        className='btn btn--primary btn--block'
        onClick={() => void Taro.navigateTo({ url: BIND_URL })}
        data-testid='bind-start'
      >
        {homes.length > 0 || data.bindings.length > 0 ? '绑定其他房屋' : '绑定房屋'}
      </Button>
      <CheckinTools roles={data.roles} />
      <StreetTools roles={data.roles} />
      <Tools roles={data.roles} />
      <Text className='section-title'>显示</Text>
      <ElderModeSwitch />
      {data.roles.some((r) => r.kind === 'resident') ? <ProxyConsentsEntry /> : null}
      <PrivacyEntry />
    </View>
  );
}
