/**
 * 活动详情 — one activity (volunteer.get): description, time, place, sign-up deadline, points
 * per hour, who may join, the quota bar; the caller's sign-up (候补第N位 when waiting) and any
 * overlap warning. Actions follow the state: 报名 before the deadline, 取消报名 (confirmed or
 * waiting; after the deadline the server refuses and its reason is shown), and for confirmed
 * volunteers on site 扫码签到 then 扫码签退, after which the hours and points show. The
 * organiser (or an admin) gets a link to 活动管理.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { alertModal, confirmModal } from '@/shared/modal';
import { pageParam } from '@/shared/page-params';
import { adminCommunityId } from '@/shared/roles';
import { askSubscription } from '@/shared/subscribe';
import { useAsync } from '@/shared/use-async';
import { ErrorView, WaitingView } from '@/shared/ui/state-view';
import { useButtonAction } from '@/shared/use-action';
import { AppError } from '~types/errors';
import { audienceLabels } from '~types/labels/volunteer';
import type { Activity, AttendanceResult } from '~types/volunteer';
import { CategoryChip, QuotaBar, SignupBadge, signupText } from './activity-card';
import { OutcomeCard } from '@/shared/ui/outcome-card';
import { AttendanceBox } from './attendance-box';
import { OutcomeView } from './attendance-result';
import { volunteerUrls } from './urls';
import { formatHours, formatSpan } from './wall-time';
import './volunteer.scss';
import { useCurrentUser } from '@/shared/current-user';
import { BusyButton } from '@/shared/ui/busy-button';

const CHECKIN_LEAD_MS = 30 * 60 * 1000;
const CHECKOUT_GRACE_MS = 30 * 60 * 1000;

function confirm(title: string, content: string, confirmText: string): () => Promise<boolean> {
  return () => confirmModal({ title, content, confirmText, cancelText: '再想想' });
}

function alert(title: string, content: string) {
  alertModal(title, content, '知道了');
}

function Row({ label, children }: { label: string; children: string }) {
  return (
    <View className='vol-row'>
      <Text className='vol-row__label'>{label}</Text>
      <Text className='vol-row__value'>{children}</Text>
    </View>
  );
}

/** The hours and points of a completed sign-up, from the scan just made or from volunteer.myHours. */
function CompletedCard({ activity, result }: { activity: Activity; result: AttendanceResult | null }) {
  const record = useAsync(
    () =>
      result
        ? Promise.resolve(null)
        : call('volunteer', 'myHours', { communityId: activity.communityId, limit: 50 }).then(
            (h) => h.records.items.find((r) => r.activityId === activity.id) ?? null,
          ),
    [activity.id, result],
  );
  if (result) return <OutcomeView outcome={{ ok: true, result }} />;
  const r = record.data;
  return (
    <OutcomeCard block='vol-outcome' ok title='已完成志愿服务' testId='vol-completed'>
      <Text className='vol-outcome__text'>
        {r ? `服务时长 ${formatHours(r.hours)} 小时，获得 ${r.points} 积分` : record.loading ? '正在读取时长…' : ''}
      </Text>
    </OutcomeCard>
  );
}

function Actions({
  activity,
  onChanged,
  result,
  setResult,
}: {
  activity: Activity;
  onChanged: () => Promise<void>;
  result: AttendanceResult | null;
  setResult: (r: AttendanceResult) => void;
}) {
  const { busy, press } = useButtonAction();
  const now = Date.now();
  const start = Date.parse(activity.startAt);
  const end = Date.parse(activity.endAt);
  const beforeDeadline = now <= Date.parse(activity.signupDeadline);
  const mine = activity.mySignup;
  const state = mine && mine.state !== 'cancelled' ? mine.state : null;

  if (activity.cancelled) {
    return (
      <View className='card vol-cancelled' data-testid='vol-cancelled'>
        <Text className='card__title'>活动已取消</Text>
        {activity.cancelReason ? <Text className='card__text'>原因：{activity.cancelReason}</Text> : null}
      </View>
    );
  }

  const signUp = async () => {
    // Told if it is cancelled; when it is full the sign-up waits, so also when a place frees up.
    const full = activity.confirmedCount >= activity.quota || activity.waitlistCount > 0;
    askSubscription(full ? ['activityCancelled', 'waitlistPromoted'] : ['activityCancelled']);
    await press(
      async () => {
        const res = await call('volunteer', 'signUp', { activityId: activity.id });
        await onChanged();
        if (res.overlapWarning) alert('时间冲突提醒', res.overlapWarning);
        else if (res.state === 'waitlisted') {
          alert('名额已满，已为您候补', `您是候补第${res.waitlistPosition ?? '?'}位，有人取消时将按顺序递补并通知您。`);
        } else void Taro.showToast({ title: '报名成功', icon: 'success' });
      },
      {
        confirm: confirm(
          '确认报名',
          `报名参加“${activity.title}”？\n时间：${formatSpan(activity.startAt, activity.endAt)}\n地点：${activity.place}`,
          '报名',
        ),
        onError: async (e) => {
          alert('报名未成功', errorMessage(e));
          await onChanged();
        },
      },
    );
  };

  const cancelSignup = () =>
    press(
      async () => {
        await call('volunteer', 'cancelSignup', { activityId: activity.id });
        await onChanged();
        void Taro.showToast({ title: '已取消报名', icon: 'success' });
      },
      {
        confirm: confirm(
          '取消报名',
          state === 'waitlisted'
            ? `取消“${activity.title}”的候补？取消后需重新报名并排在最后。`
            : `取消“${activity.title}”的报名？名额将让给候补的人。`,
          '取消报名',
        ),
        onError: (e) => alert('不能取消报名', errorMessage(e)),
      },
    );

  if (state === 'completed') return <CompletedCard activity={activity} result={result} />;
  if (state === 'no_show') {
    return (
      <View className='card' data-testid='vol-no-show'>
        <Text className='card__title'>记录为未到场</Text>
        <Text className='card__text'>如有疑问，请联系组织者 {activity.organiserName} 更正。</Text>
      </View>
    );
  }

  const onSite = now >= start - CHECKIN_LEAD_MS && now <= end + CHECKOUT_GRACE_MS;
  const canCancel = (state === 'confirmed' || state === 'waitlisted') && now < start;
  return (
    <View className='vol-actions'>
      {state === 'confirmed' || state === 'checked_in' ? (
        onSite ? (
          <View className='card'>
            <Text className='card__title'>{state === 'confirmed' ? '现场签到' : '服务结束后签退'}</Text>
            {state === 'checked_in' && !result ? (
              <Text className='card__text'>您已签到，活动结束时请扫签退码。</Text>
            ) : null}
            {result && result.state === 'checked_in' ? <OutcomeView outcome={{ ok: true, result }} /> : null}
            <AttendanceBox
              key={state}
              activityId={activity.id}
              direction={state === 'confirmed' ? 'in' : 'out'}
              onDone={(r) => {
                setResult(r);
                void onChanged();
              }}
            />
          </View>
        ) : now < start ? (
          <View className='card'>
            <Text className='card__text'>
              签到将于 {formatShanghai(new Date(start - CHECKIN_LEAD_MS).toISOString())}{' '}
              开放，请到现场扫描组织者出示的二维码。
            </Text>
          </View>
        ) : (
          <View className='card'>
            <Text className='card__text'>签到签退时间已过。如确实参加了服务，请联系组织者更正。</Text>
          </View>
        )
      ) : null}
      {!state && now < end ? (
        beforeDeadline ? (
          <BusyButton
            className='btn btn--primary btn--block'
            busy={busy}
            onTap={() => void signUp()}
            testId='vol-signup'
          >
            {activity.confirmedCount >= activity.quota ? '报名候补' : '我要报名'}
          </BusyButton>
        ) : (
          <Text className='vol-note'>报名已于 {formatShanghai(activity.signupDeadline)} 截止</Text>
        )
      ) : null}
      {canCancel ? (
        <BusyButton
          className='btn btn--plain btn--block'
          busy={busy}
          onTap={() => void cancelSignup()}
          testId='vol-cancel-signup'
        >
          取消报名
        </BusyButton>
      ) : null}
    </View>
  );
}

export function VolunteerDetailScreen() {
  const id = pageParam('id');
  const { me } = useCurrentUser();
  const loaded = useAsync(
    () =>
      id ? call('volunteer', 'get', { activityId: id }) : Promise.reject(new AppError('NOT_FOUND', 'activity.missing')),
    [id],
  );
  const [result, setResult] = useState<AttendanceResult | null>(null);
  useDidShow(() => {
    if (loaded.data) void loaded.reload();
  });
  usePullDownRefresh(() => {
    void Promise.all([loaded.reload(), me.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  if (!id) return <ErrorView message='缺少活动信息，请从“志愿”页面进入' />;
  const a = loaded.data;
  if (!a || !me.data) return <WaitingView loads={[loaded, me]} />;
  // An organiser whose role is gone no longer manages it: the community's admins do (managedByAdmins).
  const manager =
    (me.data.profile?.id === a.organiserId && !a.managedByAdmins) || adminCommunityId(me.data.roles) === a.communityId;
  const mine = a.mySignup && a.mySignup.state !== 'cancelled' ? a.mySignup : null;
  return (
    <View className='screen vol-detail' data-testid='vol-detail'>
      <View className='card vol-detail__head'>
        <View className='card__row'>
          <CategoryChip category={a.category} />
          <SignupBadge activity={a} />
        </View>
        <Text className='vol-detail__title'>{a.title}</Text>
        <Row label='时间'>{formatSpan(a.startAt, a.endAt)}</Row>
        <Row label='地点'>{a.place}</Row>
        <Row label='报名截止'>{formatShanghai(a.signupDeadline)}</Row>
        <Row label='积分'>{`每小时 ${a.pointsPerHour} 分（按实际服务时长，满一刻钟计）`}</Row>
        <Row label='报名范围'>{audienceLabels[a.audience]}</Row>
        <Row label='组织者'>{a.managedByAdmins ? `${a.organiserName}（现由社区管理员管理）` : a.organiserName}</Row>
        {a.cancelled ? null : <QuotaBar activity={a} large />}
      </View>
      {mine ? (
        <View className={`card vol-mine vol-mine--${mine.state}`} data-testid='vol-my-signup'>
          <Text className='vol-mine__label'>我的报名</Text>
          <Text className='vol-mine__state' data-testid='vol-my-state'>
            {signupText(mine)}
          </Text>
          {mine.state === 'waitlisted' ? (
            <Text className='card__text'>有人取消报名时，将按候补顺序自动递补并通知您。</Text>
          ) : null}
        </View>
      ) : null}
      {a.overlapWarning ? (
        <View className='vol-warning' role='alert' data-testid='vol-overlap'>
          {a.overlapWarning}
        </View>
      ) : null}
      <Actions activity={a} onChanged={loaded.reload} result={result} setResult={setResult} />
      <Text className='section-title'>活动说明</Text>
      <View className='card'>
        <Text className='vol-detail__desc'>{a.description}</Text>
      </View>
      {manager ? (
        <View
          className='card vol-link'
          onClick={() => void Taro.navigateTo({ url: volunteerUrls.organiser(a.id) })}
          data-testid='vol-organiser-link'
        >
          <Text className='vol-link__title'>活动管理</Text>
          <Text className='vol-link__text'>签到签退二维码、报名名单、更正与导出 ›</Text>
        </View>
      ) : null}
    </View>
  );
}
