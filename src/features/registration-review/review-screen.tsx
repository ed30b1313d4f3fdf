/**
 * 报到审核 (community admins): members' registrations (党员报到) and work units' (单位报到),
 * filtered by status, pending first. Approve after a confirmation; reject with a required
 * reason the applicant sees.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { useAction } from '@/shared/use-action';
import { formatShanghai } from '@/shared/format-time';
import { pageParam } from '@/shared/page-params';
import { usePaged } from '@/shared/use-paged';
import { FormField } from '@/shared/ui/form-field';
import { PagedList } from '@/shared/ui/paged-list';
import { Sheet } from '@/shared/ui/sheet';
import { ErrorView } from '@/shared/ui/state-view';
import { registrationStatusLabels, serviceIntentionLabels, type RegistrationStatus } from '~types/labels/checkin';
import type { Registration, UnitRegistration } from '~types/checkin';
import { AppError } from '~types/errors';
import './review-screen.scss';

type Kind = 'member' | 'unit';
type Filter = RegistrationStatus | 'all';
const filters: Array<[Filter, string]> = [
  ['pending', '待审核'],
  ['approved', '已报到'],
  ['rejected', '已驳回'],
  ['withdrawn', '已注销'],
  ['all', '全部'],
];

interface Rejecting {
  id: string;
  kind: Kind;
  who: string;
  what: string;
}

function Actions({ onApprove, onReject }: { onApprove: () => void; onReject: () => void }) {
  return (
    <View className='card__actions'>
      <Button className='btn btn--plain btn--small' onClick={onReject}>
        驳回
      </Button>
      <Button className='btn btn--primary btn--small' onClick={onApprove}>
        通过
      </Button>
    </View>
  );
}

function MemberCard({ r, onApprove, onReject }: { r: Registration; onApprove: () => void; onReject: () => void }) {
  return (
    <View className='card' data-testid='registration-review-card'>
      <View className='card__row'>
        <Text className='card__title'>{r.userName}</Text>
        <Text className={`tag tag--${r.status}`}>{registrationStatusLabels[r.status]}</Text>
      </View>
      <Text className='card__text'>
        报到单位：{r.workUnitName}（{r.partyOrgName}）
      </Text>
      {r.householdLabel ? <Text className='card__text'>居住房屋：{r.householdLabel}</Text> : null}
      <Text className='card__text'>服务意向：{r.intentions.map((i) => serviceIntentionLabels[i]).join('、')}</Text>
      {r.skills.length > 0 ? <Text className='card__text'>技能特长：{r.skills.join('、')}</Text> : null}
      <Text className='card__text'>提交于 {formatShanghai(r.createdAt)}</Text>
      {r.decidedAt ? <Text className='card__text'>处理于 {formatShanghai(r.decidedAt)}</Text> : null}
      {r.reason ? (
        <Text className='card__text'>
          {r.status === 'withdrawn' ? '注销原因' : '驳回原因'}：{r.reason}
        </Text>
      ) : null}
      {r.status === 'pending' ? <Actions onApprove={onApprove} onReject={onReject} /> : null}
    </View>
  );
}

function UnitCard({ u, onApprove, onReject }: { u: UnitRegistration; onApprove: () => void; onReject: () => void }) {
  return (
    <View className='card' data-testid='unit-review-card'>
      <View className='card__row'>
        <Text className='card__title'>{u.name}</Text>
        <Text className={`tag tag--${u.status}`}>{registrationStatusLabels[u.status]}</Text>
      </View>
      <Text className='card__text'>单位党组织：{u.partyOrgName}</Text>
      <Text className='card__text'>
        申请人（联络员）：{u.applicantName} · {u.contactPhone}
      </Text>
      <Text className='card__text'>提交于 {formatShanghai(u.createdAt)}</Text>
      {u.decidedAt ? <Text className='card__text'>处理于 {formatShanghai(u.decidedAt)}</Text> : null}
      {u.reason ? <Text className='card__text'>驳回原因：{u.reason}</Text> : null}
      {u.status === 'pending' ? <Actions onApprove={onApprove} onReject={onReject} /> : null}
    </View>
  );
}

export function RegistrationReviewScreen() {
  const communityId = pageParam('communityId') ?? '';
  const [kind, setKind] = useState<Kind>('member');
  const [filter, setFilter] = useState<Filter>('pending');
  const status = filter === 'all' ? {} : { status: filter };
  const members = usePaged(
    (cursor) =>
      kind === 'member'
        ? call('checkin', 'listRegistrations', {
            communityId,
            ...status,
            limit: 20,
            ...(cursor !== undefined ? { cursor } : {}),
          })
        : Promise.resolve({ items: [], nextCursor: null }),
    [communityId, filter, kind],
  );
  const units = usePaged(
    (cursor) =>
      kind === 'unit'
        ? call('checkin', 'listUnitRegistrations', {
            communityId,
            ...status,
            limit: 20,
            ...(cursor !== undefined ? { cursor } : {}),
          })
        : Promise.resolve({ items: [], nextCursor: null }),
    [communityId, filter, kind],
  );
  const [rejecting, setRejecting] = useState<Rejecting | null>(null);
  const [reason, setReason] = useState('');
  const action = useAction();
  const { busy, error: sheetError } = action;
  const reasonError = action.fields.reason;

  if (!communityId) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;

  const failed = (e: unknown) => {
    void Taro.showModal({ title: '操作失败', content: errorMessage(e), showCancel: false });
    if (e instanceof AppError && e.code === 'PRECONDITION_FAILED') {
      void members.refresh();
      void units.refresh();
    }
  };

  const approveMember = async (r: Registration) => {
    const answer = await Taro.showModal({
      title: '通过报到',
      content: `确认 ${r.userName} 以“${r.workUnitName}”在职党员身份向本社区报到？通过后将计入报到积分。`,
      confirmText: '通过',
      confirmColor: '#c8102e',
    });
    if (!answer.confirm) return;
    try {
      const next = await call('checkin', 'decideRegistration', { registrationId: r.id, decision: 'approve' });
      members.update((x) => x.id === next.id, next);
      void Taro.showToast({ title: '已通过', icon: 'success' });
    } catch (e) {
      failed(e);
    }
  };

  const approveUnit = async (u: UnitRegistration) => {
    const answer = await Taro.showModal({
      title: '通过单位报到',
      content: `确认“${u.name}”向本社区报到？通过后该单位成为报到单位，${u.applicantName} 成为其联络员。`,
      confirmText: '通过',
      confirmColor: '#c8102e',
    });
    if (!answer.confirm) return;
    try {
      const next = await call('checkin', 'decideUnitRegistration', { unitRegistrationId: u.id, decision: 'approve' });
      units.update((x) => x.id === next.id, next);
      void Taro.showToast({ title: '已通过', icon: 'success' });
    } catch (e) {
      failed(e);
    }
  };

  const reject = async () => {
    if (!rejecting) return;
    const text = reason.trim();
    if (text.length < 2) {
      action.check({ reason: '请填写原因（至少2个字）' });
      return;
    }
    await action.run(async () => {
      if (rejecting.kind === 'member') {
        const next = await call('checkin', 'decideRegistration', {
          registrationId: rejecting.id,
          decision: 'reject',
          reason: text,
        });
        members.update((x) => x.id === next.id, next);
      } else {
        const next = await call('checkin', 'decideUnitRegistration', {
          unitRegistrationId: rejecting.id,
          decision: 'reject',
          reason: text,
        });
        units.update((x) => x.id === next.id, next);
      }
      setRejecting(null);
      void Taro.showToast({ title: '已驳回', icon: 'success' });
    });
  };

  const startReject = (r: Rejecting) => {
    setRejecting(r);
    setReason('');
    action.clear('reason');
    action.setError(null);
  };

  const emptyTitle = filter === 'pending' ? '没有待审核的报到' : '没有符合条件的报到';
  return (
    <View className='screen'>
      <View className='filter-bar' role='tablist'>
        {(
          [
            ['member', '党员报到'],
            ['unit', '单位报到'],
          ] as const
        ).map(([key, label]) => (
          <View
            key={key}
            className={`filter-bar__item ${kind === key ? 'is-active' : ''}`}
            role='tab'
            aria-selected={kind === key}
            onClick={() => setKind(key)}
          >
            {label}
          </View>
        ))}
      </View>
      <View className='chips review-filters'>
        {filters.map(([key, label]) => (
          <View
            key={key}
            className={`chips__item ${filter === key ? 'is-active' : ''}`}
            role='radio'
            aria-checked={filter === key}
            onClick={() => setFilter(key)}
          >
            <Text className='chips__label'>{label}</Text>
          </View>
        ))}
      </View>
      {kind === 'member' ? (
        <PagedList
          state={members}
          keyOf={(r) => r.id}
          emptyTitle={emptyTitle}
          emptyHint='下拉可刷新'
          renderItem={(r) => (
            <MemberCard
              r={r}
              onApprove={() => void approveMember(r)}
              onReject={() =>
                startReject({ id: r.id, kind: 'member', who: r.userName, what: `报到单位：${r.workUnitName}` })
              }
            />
          )}
        />
      ) : (
        <PagedList
          state={units}
          keyOf={(u) => u.id}
          emptyTitle={emptyTitle}
          emptyHint='下拉可刷新'
          renderItem={(u) => (
            <UnitCard
              u={u}
              onApprove={() => void approveUnit(u)}
              onReject={() => startReject({ id: u.id, kind: 'unit', who: u.name, what: `申请人：${u.applicantName}` })}
            />
          )}
        />
      )}
      {rejecting ? (
        <Sheet
          title={`驳回 ${rejecting.who} 的报到`}
          confirmText='确认驳回'
          danger
          busy={busy}
          error={sheetError}
          onCancel={() => setRejecting(null)}
          onConfirm={() => void reject()}
        >
          <Text className='card__text'>{rejecting.what}</Text>
          <View style={{ height: '12px' }} />
          <FormField
            label='驳回原因（申请人可见）'
            value={reason}
            onInput={(v) => {
              setReason(v);
              action.clear('reason');
            }}
            error={reasonError}
            placeholder='例如：所选单位与实际工作单位不符'
            multiline
            testId='reject-reason'
          />
        </Sheet>
      ) : null}
    </View>
  );
}
