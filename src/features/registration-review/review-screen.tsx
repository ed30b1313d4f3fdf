/**
 * 报到审核 (community admins): members' registrations (党员报到) and work units' (单位报到),
 * filtered by status, pending first. Approve after a confirmation; reject with a required
 * reason the applicant sees.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { pageParam } from '@/shared/page-params';
import { usePaged } from '@/shared/use-paged';
import { approveAfterConfirm, DecideButtons, RejectSheet } from '@/shared/ui/decision';
import { FilterBar } from '@/shared/ui/filter-bar';
import { PagedList } from '@/shared/ui/paged-list';
import { ErrorView } from '@/shared/ui/state-view';
import { registrationStatusLabels, serviceIntentionLabels, type RegistrationStatus } from '~types/labels/checkin';
import type { Registration, UnitRegistration } from '~types/checkin';
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
      {r.status === 'pending' ? <DecideButtons onApprove={onApprove} onReject={onReject} /> : null}
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
      {u.status === 'pending' ? <DecideButtons onApprove={onApprove} onReject={onReject} /> : null}
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

  if (!communityId) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;

  const reload = () => {
    void members.refresh();
    void units.refresh();
  };

  type Decision = { decision: 'approve' } | { decision: 'reject'; reason: string };
  const decideMember = async (id: string, decision: Decision) => {
    const next = await call('checkin', 'decideRegistration', { registrationId: id, ...decision });
    members.update((x) => x.id === next.id, next);
  };
  const decideUnit = async (id: string, decision: Decision) => {
    const next = await call('checkin', 'decideUnitRegistration', { unitRegistrationId: id, ...decision });
    units.update((x) => x.id === next.id, next);
  };

  const emptyTitle = filter === 'pending' ? '没有待审核的报到' : '没有符合条件的报到';
  return (
    <View className='screen'>
      <FilterBar
        options={[
          ['member', '党员报到'],
          ['unit', '单位报到'],
        ]}
        value={kind}
        onChange={setKind}
      />
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
              onApprove={() =>
                void approveAfterConfirm(
                  {
                    title: '通过报到',
                    content: `确认 ${r.userName} 以“${r.workUnitName}”在职党员身份向本社区报到？通过后将计入报到积分。`,
                  },
                  () => decideMember(r.id, { decision: 'approve' }),
                  reload,
                )
              }
              onReject={() =>
                setRejecting({ id: r.id, kind: 'member', who: r.userName, what: `报到单位：${r.workUnitName}` })
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
              onApprove={() =>
                void approveAfterConfirm(
                  {
                    title: '通过单位报到',
                    content: `确认“${u.name}”向本社区报到？通过后该单位成为报到单位，${u.applicantName} 成为其联络员。`,
                  },
                  () => decideUnit(u.id, { decision: 'approve' }),
                  reload,
                )
              }
              onReject={() => setRejecting({ id: u.id, kind: 'unit', who: u.name, what: `申请人：${u.applicantName}` })}
            />
          )}
        />
      )}
      {rejecting ? (
        <RejectSheet
          title={`驳回 ${rejecting.who} 的报到`}
          what={rejecting.what}
          placeholder='例如：所选单位与实际工作单位不符'
          reject={(reason) =>
            (rejecting.kind === 'member' ? decideMember : decideUnit)(rejecting.id, { decision: 'reject', reason })
          }
          onDone={() => setRejecting(null)}
          onCancel={() => setRejecting(null)}
        />
      ) : null}
    </View>
  );
}
