/**
 * One event. For its organiser (or an admin of the community): the live QR with its
 * countdown, the attendance as it comes in, 补录签到 (record by hand with a reason) and 取消活动
 * (with a reason), the 6-digit spoken code beside the QR. For everyone else: the event, 扫码签到
 * (WeChat's camera) and 输入数字签到码 on a big number pad (the only way in local mode).
 */
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { useAction } from '@/shared/use-action';
import { formatShanghai } from '@/shared/format-time';
import { pageParam } from '@/shared/page-params';
import { adminCommunityId } from '@/shared/roles';
import { useAsync } from '@/shared/use-async';
import { usePaged } from '@/shared/use-paged';
import { FormField } from '@/shared/ui/form-field';
import { PagedList } from '@/shared/ui/paged-list';
import { CancelSheet as CancelReasonSheet } from '@/shared/ui/reason-sheet';
import { Sheet } from '@/shared/ui/sheet';
import { ErrorView, WaitingView } from '@/shared/ui/state-view';
import type { PersonSummary } from '~types/account';
import type { CheckInResult, CheckinEvent } from '~types/checkin';
import { AppError } from '~types/errors';
import { CheckInBox } from './check-in-box';
import { EventCard } from './event-card';
import { eventPhase, findEvent, recallEvent, rememberEvent } from './event-store';
import { LiveQr } from './live-qr';
import { SpokenCodeBox } from './spoken-code-box';
import { editedField } from './edited-field';
import './checkin.scss';
import { useCurrentUser } from '@/shared/current-user';

const methodLabels = { qr: '扫码签到', code: '数字码签到', manual: '补录' } as const;

function RecordSheet({ event, onDone, onCancel }: { event: CheckinEvent; onDone: () => void; onCancel: () => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PersonSummary[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [person, setPerson] = useState<PersonSummary | null>(null);
  const [reason, setReason] = useState('');
  const action = useAction();
  const { busy, fields: errors, error: sheetError } = action;
  const edited = editedField(action);

  const search = async () => {
    setSearching(true);
    action.setError(null);
    try {
      const page = await call('account', 'listPeople', {
        communityId: event.communityId,
        ...(query.trim() ? { query: query.trim() } : {}),
        limit: 10,
      });
      setFound(page.items);
    } catch (e) {
      action.setError(errorMessage(e));
    } finally {
      setSearching(false);
    }
  };

  const confirm = async () => {
    const local: Record<string, string> = {};
    if (!person) local.userId = '请先选择签到人';
    if (reason.trim().length < 2) local.reason = '请填写原因（至少2个字）';
    action.check(local);
    if (!person || Object.keys(local).length > 0) return;
    await action.run(async () => {
      await call('checkin', 'recordAttendance', { eventId: event.id, userId: person.id, reason: reason.trim() });
      void Taro.showToast({ title: '已补录', icon: 'success' });
      onDone();
    });
  };

  return (
    <Sheet
      title='补录签到'
      confirmText='确认补录'
      busy={busy}
      error={sheetError}
      onCancel={onCancel}
      onConfirm={() => void confirm()}
    >
      <Text className='form-field__label'>签到人</Text>
      <View className='person-search'>
        <Input
          className='form-field__input person-search__input'
          value={query}
          placeholder='输入姓名查找'
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={() => void search()}
        />
        <Button className='btn btn--ghost btn--small' loading={searching || undefined} onClick={() => void search()}>
          查找
        </Button>
      </View>
      {found && found.length === 0 ? <Text className='card__text'>没有找到此人</Text> : null}
      {found ? (
        <View className='chips person-search__results'>
          {found.map((p) => (
            <View
              key={p.id}
              className={`chips__item ${person?.id === p.id ? 'is-active' : ''}`}
              role='radio'
              aria-checked={person?.id === p.id}
              onClick={() => edited('userId', setPerson)(p)}
            >
              <Text className='chips__label'>{p.name}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {errors.userId ? <View className='form-field__error'>{errors.userId}</View> : null}
      <View style={{ height: '12px' }} />
      <FormField
        label='补录原因（将记入审计日志）'
        value={reason}
        onInput={edited('reason', setReason)}
        error={errors.reason}
        placeholder='例如：手机没电，现场核实到场'
        multiline
      />
    </Sheet>
  );
}

function CancelSheet({
  event,
  onDone,
  onCancel,
}: {
  event: CheckinEvent;
  onDone: (e: CheckinEvent) => void;
  onCancel: () => void;
}) {
  return (
    <CancelReasonSheet
      name={event.title}
      onCancel={onCancel}
      intro={
        <>
          <Text className='card__text'>取消后不能恢复，成员将无法再签到。</Text>
          <View style={{ height: '12px' }} />
        </>
      }
      onSubmit={async (reason) => onDone(await call('checkin', 'cancelEvent', { eventId: event.id, reason }))}
    />
  );
}

function OrganiserView({ event, onChanged }: { event: CheckinEvent; onChanged: (e: CheckinEvent) => void }) {
  const phase = eventPhase(event);
  const [sheet, setSheet] = useState<'record' | 'cancel' | null>(null);
  const attendance = usePaged(
    (cursor) =>
      call('checkin', 'listAttendance', { eventId: event.id, limit: 50, ...(cursor !== undefined ? { cursor } : {}) }),
    [event.id],
  );
  return (
    <>
      {phase === 'open' || phase === 'soon' ? (
        <View className='card'>
          <Text className='card__title'>现场签到二维码</Text>
          <LiveQr eventId={event.id} onRotate={() => void attendance.refresh()} />
        </View>
      ) : null}
      <View className='section-row'>
        <Text className='section-title'>签到名单（{attendance.items.length} 人）</Text>
        <Text className='section-row__link' onClick={() => void attendance.refresh()}>
          刷新
        </Text>
      </View>
      <PagedList
        state={attendance}
        keyOf={(a) => a.userId}
        emptyTitle='还没有人签到'
        emptyHint='签到后名单会自动更新'
        renderItem={(a) => (
          <View className='card attendance-row' data-testid='attendance-row'>
            <View className='card__row'>
              <Text className='card__title'>{a.userName}</Text>
              <Text className={`tag ${a.method === 'manual' ? 'tag--pending' : 'tag--approved'}`}>
                {methodLabels[a.method]}
              </Text>
            </View>
            <Text className='card__text'>{formatShanghai(a.checkedInAt)}</Text>
            {a.reason ? <Text className='card__text'>补录原因：{a.reason}</Text> : null}
          </View>
        )}
      />
      {phase !== 'cancelled' ? (
        <View className='checkin-actions'>
          <Button className='btn btn--ghost checkin-actions__button' onClick={() => setSheet('record')}>
            补录签到
          </Button>
          {phase !== 'ended' ? (
            <Button className='btn btn--plain checkin-actions__button' onClick={() => setSheet('cancel')}>
              取消活动
            </Button>
          ) : null}
        </View>
      ) : null}
      {sheet === 'record' ? (
        <RecordSheet
          event={event}
          onCancel={() => setSheet(null)}
          onDone={() => {
            setSheet(null);
            void attendance.refresh();
          }}
        />
      ) : null}
      {sheet === 'cancel' ? (
        <CancelSheet
          event={event}
          onCancel={() => setSheet(null)}
          onDone={(next) => {
            setSheet(null);
            onChanged(next);
            void Taro.showToast({ title: '活动已取消', icon: 'success' });
          }}
        />
      ) : null}
    </>
  );
}

function MemberView({ event, onChanged }: { event: CheckinEvent; onChanged: (e: CheckinEvent) => void }) {
  const phase = eventPhase(event);
  // Once the member checks in here, the box stays to show the outcome (and any later refusal).
  const [used, setUsed] = useState(false);
  if (phase === 'cancelled') return null;
  const checkedIn = (result: CheckInResult) => {
    setUsed(true);
    onChanged({
      ...event,
      checkedIn: true,
      checkedInCount: event.checkedInCount + (result.alreadyCheckedIn ? 0 : 1),
    });
  };
  if (event.checkedIn && !used) {
    return (
      <View className='card'>
        <View className='checkin-outcome checkin-outcome--ok' role='status'>
          <Text className='checkin-outcome__title'>您已签到</Text>
          <Text className='checkin-outcome__text'>签到积分已计入“我的积分”</Text>
        </View>
      </View>
    );
  }
  return (
    <View className='card'>
      {phase === 'ended' ? (
        <Text className='card__text'>活动已结束，不能再签到。如确实到场，请联系组织者补录。</Text>
      ) : (
        <>
          {phase === 'soon' ? (
            <Text className='card__text'>签到将于 {formatShanghai(event.checkinOpensAt)} 开放。</Text>
          ) : null}
          {process.env.TARO_ENV === 'h5' ? null : <CheckInBox eventId={event.id} onCheckedIn={checkedIn} />}
          <SpokenCodeBox eventId={event.id} onCheckedIn={checkedIn} />
        </>
      )}
    </View>
  );
}

export function EventScreen() {
  const id = pageParam('id');
  const communityId = pageParam('communityId');
  const { me } = useCurrentUser();
  const [changed, setChanged] = useState<CheckinEvent | null>(null);
  const loaded = useAsync(
    () => (id && communityId ? findEvent(communityId, id) : Promise.reject(new AppError('NOT_FOUND', 'event.missing'))),
    [id, communityId],
  );
  if (!id || !communityId) return <ErrorView message='缺少活动信息，请从“活动签到”页面进入' />;
  const event = changed ?? loaded.data ?? recallEvent(id);
  if (!event || !me.data) return <WaitingView loads={[loaded, me]} />;
  const onChanged = (next: CheckinEvent) => {
    rememberEvent(next);
    setChanged(next);
  };
  // An organiser whose role is gone no longer manages it: the community's admins do (managedByAdmins).
  const manager =
    (me.data.profile?.id === event.organiserId && !event.managedByAdmins) ||
    adminCommunityId(me.data.roles) === event.communityId;
  return (
    <View className='screen' data-testid='event-screen'>
      <View style={{ height: '16px' }} />
      <EventCard event={event} />
      {manager ? (
        <OrganiserView event={event} onChanged={onChanged} />
      ) : (
        <MemberView event={event} onChanged={onChanged} />
      )}
    </View>
  );
}
