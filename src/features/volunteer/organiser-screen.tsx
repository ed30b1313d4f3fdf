/**
 * 活动管理 (the organiser or an admin): the live QR for 签到 or 签退 (a toggle), rotating at
 * `refreshAt`; the roster (volunteer.roster) with states, times, hours and the auto-closed
 * flag; 更正 (volunteer.correctAttendance: completed with times, or no-show, with a required
 * reason); 导出名单 (xlsx); 编辑活动 before the deadline and 取消活动 with a reason.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { ProxyMark } from '@/shared/ui/proxy-mark';
import { BusyButton } from '@/shared/ui/busy-button';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { pageParam } from '@/shared/page-params';
import { saveSpreadsheet } from '@/shared/save-file';
import { useAsync } from '@/shared/use-async';
import { ChoiceChips, FormField, type TextFieldSpec } from '@/shared/ui/form-field';
import { RotatingQr } from '@/shared/ui/qr-code';
import { CancelSheet } from '@/shared/ui/reason-sheet';
import { FormSheet } from '@/shared/ui/form-sheet';
import { useForm } from '@/shared/use-form';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import { AppError } from '~types/errors';
import { signupStateLabels } from '~types/labels/volunteer';
import type { Activity, RosterEntry } from '~types/volunteer';
import { CategoryChip, QuotaBar, stateTone } from './activity-card';
import { volunteerUrls } from './urls';
import { TimeRow } from '@/shared/ui/time-row';
import { formatHours, formatSpan } from './wall-time';
import { instant, toIso, wallTime } from '@/shared/wall-time';
import './volunteer.scss';
import { SpokenCodeAside } from '@/shared/ui/spoken-code';

/** The form's text fields. */
const FIELDS = {
  reason: {
    label: '更正原因（将记入审计日志）',
    placeholder: '例如：手机没电未能签退，现场核实服务到结束',
    multiline: true,
    testId: 'correct-reason',
  },
} satisfies Record<string, TextFieldSpec>;

const MIN = 60 * 1000;

function CorrectSheet({
  activity,
  entry,
  onDone,
  onCancel,
}: {
  activity: Activity;
  entry: RosterEntry;
  onDone: () => void;
  onCancel: () => void;
}) {
  const s = useForm(() => ({
    state: (entry.state === 'no_show' ? 'no_show' : 'completed') as 'completed' | 'no_show',
    checkedInAt: wallTime(entry.checkedInAt ?? activity.startAt),
    checkedOutAt: wallTime(entry.checkedOutAt ?? activity.endAt),
    reason: '',
  }));
  const { state, checkedInAt, checkedOutAt } = s.values;
  const reason = s.values.reason.trim();
  return (
    <FormSheet
      form={s}
      title={`更正 ${entry.userName} 的出勤`}
      confirmText='确认更正'
      check={() => ({
        reason: reason.length < 2 ? '请填写更正原因（至少2个字）' : undefined,
        checkedOutAt:
          state === 'completed' && instant(checkedOutAt).getTime() < instant(checkedInAt).getTime()
            ? '签退时间不能早于签到时间'
            : undefined,
      })}
      submit={async () => {
        await call('volunteer', 'correctAttendance', {
          activityId: activity.id,
          userId: entry.userId,
          state,
          ...(state === 'completed' ? { checkedInAt: toIso(checkedInAt), checkedOutAt: toIso(checkedOutAt) } : {}),
          reason,
        });
        void Taro.showToast({ title: '已更正', icon: 'success' });
        onDone();
      }}
      onCancel={onCancel}
    >
      <ChoiceChips
        label='出勤情况'
        choices={[
          { value: 'completed', label: '已完成服务' },
          { value: 'no_show', label: '未到场' },
        ]}
        value={state}
        onChange={(v) => s.set('state', v)}
      />
      {state === 'completed' ? (
        <>
          <TimeRow
            label='签到时间（北京时间）'
            value={checkedInAt}
            onChange={(v) => s.set('checkedInAt', v)}
            error={s.err('checkedInAt')}
            testId='correct-in'
          />
          <TimeRow
            label='签退时间（北京时间）'
            value={checkedOutAt}
            onChange={(v) => s.set('checkedOutAt', v)}
            error={s.err('checkedOutAt')}
            testId='correct-out'
          />
          <Text className='card__text'>服务时长按与活动时间重叠的部分计算，满一刻钟计，积分随之调整。</Text>
        </>
      ) : null}
      <FormField {...FIELDS.reason} {...s.text('reason')} />
    </FormSheet>
  );
}

function CancelActivitySheet({
  activity,
  onDone,
  onCancel,
}: {
  activity: Activity;
  onDone: () => void;
  onCancel: () => void;
}) {
  return (
    <CancelSheet
      name={activity.title}
      onCancel={onCancel}
      intro={
        <Text className='card__text'>
          取消后不能恢复，已报名和候补的 {activity.confirmedCount + activity.waitlistCount} 人都会收到通知。
        </Text>
      }
      testId='cancel-reason'
      tooShort='请填写取消原因（至少2个字）'
      onSubmit={async (reason) => {
        await call('volunteer', 'cancel', { activityId: activity.id, reason });
        void Taro.showToast({ title: '活动已取消', icon: 'success' });
        onDone();
      }}
    />
  );
}

function LiveCodeCard({ activity, onRotate }: { activity: Activity; onRotate: () => void }) {
  const now = Date.now();
  const start = Date.parse(activity.startAt);
  const end = Date.parse(activity.endAt);
  const [direction, setDirection] = useState<'in' | 'out'>(now > end ? 'out' : 'in');
  if (now < start - 40 * MIN) {
    return (
      <View className='card'>
        <Text className='card__title'>现场二维码</Text>
        <Text className='card__text'>
          签到码将于 {formatShanghai(new Date(start - 40 * MIN).toISOString())} 起显示（签到开始前10分钟）。
        </Text>
      </View>
    );
  }
  if (now > end + 30 * MIN) return null;
  const name = direction === 'in' ? '签到码' : '签退码';
  return (
    <View className='card' data-testid='vol-live-card'>
      <View className='card__row'>
        <Text className='card__title'>现场{name}</Text>
      </View>
      <View className='filter-bar vol-toggle' role='tablist'>
        {(['in', 'out'] as const).map((d) => (
          <View
            key={d}
            className={`filter-bar__item ${direction === d ? 'is-active' : ''}`}
            role='tab'
            aria-selected={direction === d}
            onClick={() => setDirection(d)}
            data-testid={`vol-live-${d}`}
          >
            {d === 'in' ? '签到' : '签退'}
          </View>
        ))}
      </View>
      <RotatingQr
        loadKey={`${activity.id}:${direction}`}
        load={() => call('volunteer', 'liveCode', { activityId: activity.id, direction })}
        name={name}
        hint={`请志愿者用微信扫码${direction === 'in' ? '签到' : '签退'}；截图转发的二维码一分钟内失效`}
        onRotate={onRotate}
        aside={(live) => (
          <SpokenCodeAside
            code={live.spokenCode}
            label={`不方便扫码？请在活动页面输入数字${direction === 'in' ? '签到' : '签退'}码`}
          />
        )}
      />
    </View>
  );
}

function EntryRow({ entry, onCorrect }: { entry: RosterEntry; onCorrect?: () => void }) {
  const label =
    entry.state === 'waitlisted' && entry.waitlistPosition
      ? `候补第${entry.waitlistPosition}位`
      : signupStateLabels[entry.state];
  return (
    <View className='card vol-entry' data-testid='vol-roster-entry'>
      <View className='card__row'>
        <Text className='vol-entry__name'>{entry.userName}</Text>
        <Text className={`tag ${stateTone[entry.state]}`}>{label}</Text>
      </View>
      <ProxyMark name={entry.proxyName} what='报名' className='card__text' />
      {entry.phone ? <Text className='card__text'>电话：{entry.phone}</Text> : null}
      {entry.checkedInAt ? <Text className='card__text'>签到：{formatShanghai(entry.checkedInAt)}</Text> : null}
      {entry.checkedOutAt ? (
        <Text className='card__text'>
          签退：{formatShanghai(entry.checkedOutAt)}
          {entry.autoClosed ? '（自动签退）' : ''}
        </Text>
      ) : null}
      {entry.state === 'completed' || entry.hours > 0 ? (
        <Text className='vol-entry__hours'>服务时长 {formatHours(entry.hours)} 小时</Text>
      ) : null}
      {entry.autoClosed ? (
        <Text className='vol-entry__flag' data-testid='vol-auto-closed'>
          未签退，系统已在活动结束时自动签退，请核实
        </Text>
      ) : null}
      {entry.correctedReason ? <Text className='card__text'>更正原因：{entry.correctedReason}</Text> : null}
      {onCorrect ? (
        <View className='card__actions'>
          <Button className='btn btn--ghost btn--small' onClick={onCorrect} data-testid='vol-correct'>
            更正
          </Button>
        </View>
      ) : null}
    </View>
  );
}

export function VolunteerOrganiserScreen() {
  const id = pageParam('id');
  const roster = useAsync(
    () =>
      id
        ? call('volunteer', 'roster', { activityId: id })
        : Promise.reject(new AppError('NOT_FOUND', 'activity.missing')),
    [id],
  );
  const [sheet, setSheet] = useState<{ kind: 'correct'; entry: RosterEntry } | { kind: 'cancel' } | null>(null);
  const [exporting, setExporting] = useState(false);
  useDidShow(() => {
    if (roster.data) void roster.reload();
  });
  usePullDownRefresh(() => {
    void roster.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!id) return <ErrorView message='缺少活动信息，请从活动详情进入' />;
  if (!roster.data) {
    if (roster.error && !roster.loading) {
      return <ErrorView message={errorMessage(roster.error)} onRetry={() => void roster.reload()} />;
    }
    return <LoadingView />;
  }
  const { activity: a, entries } = roster.data;
  const now = Date.now();
  const checkinOpened = now >= Date.parse(a.startAt) - 30 * MIN;
  const beforeDeadline = now <= Date.parse(a.signupDeadline);
  const placed = entries.filter((e) => e.state !== 'waitlisted' && e.state !== 'cancelled');
  const waiting = entries.filter((e) => e.state === 'waitlisted');
  const cancelled = entries.filter((e) => e.state === 'cancelled');

  const exportRoster = async () => {
    setExporting(true);
    try {
      const file = await call('volunteer', 'exportRoster', { activityId: a.id });
      await saveSpreadsheet(file.fileName, file.base64);
      void Taro.showToast({ title: `已导出 ${file.rows} 行`, icon: 'success' });
    } catch (e) {
      const message = e instanceof Error && !(e instanceof AppError) ? e.message : errorMessage(e);
      void Taro.showModal({ title: '导出失败', content: message, showCancel: false });
    } finally {
      setExporting(false);
    }
  };

  return (
    <View className='screen vol-organiser' data-testid='vol-organiser'>
      <View className='card'>
        <View className='card__row'>
          <CategoryChip category={a.category} />
          {a.cancelled ? <Text className='tag tag--muted'>活动已取消</Text> : null}
        </View>
        <Text className='vol-detail__title'>{a.title}</Text>
        <Text className='card__text'>
          {formatSpan(a.startAt, a.endAt)} · {a.place}
        </Text>
        {a.cancelled ? null : <QuotaBar activity={a} />}
      </View>
      {a.cancelled ? null : <LiveCodeCard activity={a} onRotate={() => void roster.reload()} />}
      <View className='vol-section-row'>
        <Text className='section-title'>报名名单（{placed.length} 人）</Text>
        <Text className='vol-section-row__link' onClick={() => void roster.reload()}>
          刷新
        </Text>
      </View>
      {placed.length === 0 ? <EmptyView title='还没有人报名' hint='报名和签到情况会显示在这里' /> : null}
      {placed.map((e) => (
        <EntryRow
          key={e.userId}
          entry={e}
          onCorrect={checkinOpened && !a.cancelled ? () => setSheet({ kind: 'correct', entry: e }) : undefined}
        />
      ))}
      {waiting.length > 0 ? <Text className='section-title'>候补（{waiting.length} 人）</Text> : null}
      {waiting.map((e) => (
        <EntryRow key={e.userId} entry={e} />
      ))}
      {cancelled.length > 0 ? <Text className='section-title'>已取消报名（{cancelled.length} 人）</Text> : null}
      {cancelled.map((e) => (
        <EntryRow key={e.userId} entry={e} />
      ))}
      <View className='vol-buttons'>
        <BusyButton
          className='btn btn--ghost vol-buttons__item'
          busy={exporting}
          onTap={() => void exportRoster()}
          testId='vol-export'
        >
          导出名单
        </BusyButton>
        {!a.cancelled && beforeDeadline ? (
          <Button
            className='btn btn--plain vol-buttons__item'
            onClick={() => void Taro.navigateTo({ url: volunteerUrls.edit(a.id) })}
            data-testid='vol-edit'
          >
            编辑活动
          </Button>
        ) : null}
      </View>
      {!a.cancelled && now < Date.parse(a.endAt) ? (
        <Button
          className='btn btn--plain btn--block vol-danger-link'
          onClick={() => setSheet({ kind: 'cancel' })}
          data-testid='vol-cancel-activity'
        >
          取消活动
        </Button>
      ) : null}
      {sheet?.kind === 'correct' ? (
        <CorrectSheet
          activity={a}
          entry={sheet.entry}
          onCancel={() => setSheet(null)}
          onDone={() => {
            setSheet(null);
            void roster.reload();
          }}
        />
      ) : null}
      {sheet?.kind === 'cancel' ? (
        <CancelActivitySheet
          activity={a}
          onCancel={() => setSheet(null)}
          onDone={() => {
            setSheet(null);
            void roster.reload();
          }}
        />
      ) : null}
    </View>
  );
}
