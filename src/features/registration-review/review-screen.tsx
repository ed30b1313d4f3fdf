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

type Decision = { decision: 'approve' } | { decision: 'reject'; reason: string };
type CardProps<T> = { item: T; onApprove: () => void; onReject: () => void };

/** One kind of registration in the queue: how it is listed, decided, shown and asked about. */
interface QueueSpec<T extends { id: string }> {
  list: (input: { communityId: string; status?: RegistrationStatus; limit: number; cursor?: string }) => Promise<{
    items: T[];
    nextCursor: string | null;
  }>;
  decide: (id: string, decision: Decision) => Promise<T>;
  Card: (props: CardProps<T>) => JSX.Element;
  /** The confirmation before approving. */
  approval: (item: T) => { title: string; content: string };
  /** Whose registration a rejection concerns, and the line about it above the reason. */
  rejection: (item: T) => { who: string; what: string };
}

const memberQueue: QueueSpec<Registration> = {
  list: (input) => call('checkin', 'listRegistrations', input),
  decide: (registrationId, decision) => call('checkin', 'decideRegistration', { registrationId, ...decision }),
  Card: ({ item, ...actions }) => <MemberCard r={item} {...actions} />,
  approval: (r) => ({
    title: '通过报到',
    content: `确认 ${r.userName} 以“${r.workUnitName}”在职党员身份向本社区报到？通过后将计入报到积分。`,
  }),
  rejection: (r) => ({ who: r.userName, what: `报到单位：${r.workUnitName}` }),
};

const unitQueue: QueueSpec<UnitRegistration> = {
  list: (input) => call('checkin', 'listUnitRegistrations', input),
  decide: (unitRegistrationId, decision) =>
    call('checkin', 'decideUnitRegistration', { unitRegistrationId, ...decision }),
  Card: ({ item, ...actions }) => <UnitCard u={item} {...actions} />,
  approval: (u) => ({
    title: '通过单位报到',
    content: `确认“${u.name}”向本社区报到？通过后该单位成为报到单位，${u.applicantName} 成为其联络员。`,
  }),
  rejection: (u) => ({ who: u.name, what: `申请人：${u.applicantName}` }),
};

function Queue<T extends { id: string }>({
  spec,
  communityId,
  filter,
}: {
  spec: QueueSpec<T>;
  communityId: string;
  filter: Filter;
}) {
  const list = usePaged(
    (cursor) =>
      spec.list({
        communityId,
        ...(filter === 'all' ? {} : { status: filter }),
        limit: 20,
        ...(cursor !== undefined ? { cursor } : {}),
      }),
    [communityId, filter, spec],
  );
  const [rejecting, setRejecting] = useState<T | null>(null);
  const decide = async (item: T, decision: Decision) => {
    const next = await spec.decide(item.id, decision);
    list.update((x) => x.id === next.id, next);
  };
  return (
    <>
      <PagedList
        state={list}
        keyOf={(x) => x.id}
        emptyTitle={filter === 'pending' ? '没有待审核的报到' : '没有符合条件的报到'}
        emptyHint='下拉可刷新'
        renderItem={(x) => (
          <spec.Card
            item={x}
            onApprove={() =>
              void approveAfterConfirm(
                spec.approval(x),
                () => decide(x, { decision: 'approve' }),
                () => void list.refresh(),
              )
            }
            onReject={() => setRejecting(x)}
          />
        )}
      />
      {rejecting ? (
        <RejectSheet
          title={`驳回 ${spec.rejection(rejecting).who} 的报到`}
          what={spec.rejection(rejecting).what}
          placeholder='例如：所选单位与实际工作单位不符'
          reject={(reason) => decide(rejecting, { decision: 'reject', reason })}
          onDone={() => setRejecting(null)}
          onCancel={() => setRejecting(null)}
        />
      ) : null}
    </>
  );
}

export function RegistrationReviewScreen() {
  const communityId = pageParam('communityId') ?? '';
  const [kind, setKind] = useState<Kind>('member');
  const [filter, setFilter] = useState<Filter>('pending');
  if (!communityId) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;
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
        <Queue key='member' spec={memberQueue} communityId={communityId} filter={filter} />
      ) : (
        <Queue key='unit' spec={unitQueue} communityId={communityId} filter={filter} />
      )}
    </View>
  );
}
