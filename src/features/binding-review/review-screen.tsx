/**
 * 绑定审核: a community's binding requests (admins see all, leaders their buildings'), pending
 * ones first by default. Approve after a confirmation; reject with a required reason.
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
import { bindingStatusLabels, relationLabels } from '~types/labels/account';
import type { BindingRequest } from '~types/account';

type Filter = 'pending' | 'all';

function RequestCard({
  request,
  onApprove,
  onReject,
}: {
  request: BindingRequest;
  onApprove: (r: BindingRequest) => void;
  onReject: (r: BindingRequest) => void;
}) {
  return (
    <View className='card' data-testid='review-card'>
      <View className='card__row'>
        <Text className='card__title'>{request.userName}</Text>
        <Text className={`tag tag--${request.status}`}>{bindingStatusLabels[request.status]}</Text>
      </View>
      <Text className='card__text'>
        {request.householdLabel}（{relationLabels[request.relation]}）
      </Text>
      {request.claimsOffline ? (
        <Text className='tag' data-testid='review-claims-offline'>
          认领代办记录：请当面核实是本人
        </Text>
      ) : null}
      {request.userPhone ? <Text className='card__text'>手机：{request.userPhone}</Text> : null}
      <Text className='card__text'>申请时间：{formatShanghai(request.createdAt)}</Text>
      {request.decidedAt ? (
        <Text className='card__text'>
          {request.decidedByName ?? ''} 处理于 {formatShanghai(request.decidedAt)}
        </Text>
      ) : null}
      {request.status === 'rejected' && request.reason ? (
        <Text className='card__text'>驳回原因：{request.reason}</Text>
      ) : null}
      {request.status === 'pending' ? (
        <DecideButtons onApprove={() => onApprove(request)} onReject={() => onReject(request)} />
      ) : null}
    </View>
  );
}

export function ReviewScreen() {
  const communityId = pageParam('communityId');
  const [filter, setFilter] = useState<Filter>('pending');
  const list = usePaged(
    (cursor) =>
      call('account', 'listBindingRequests', {
        communityId: communityId ?? '',
        ...(filter === 'pending' ? { status: 'pending' as const } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        limit: 20,
      }),
    [communityId, filter],
  );
  const [rejecting, setRejecting] = useState<BindingRequest | null>(null);

  if (!communityId) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;

  const decide = async (
    request: BindingRequest,
    decision: { decision: 'approve' } | { decision: 'reject'; reason: string },
  ) => {
    const next = await call('account', 'decideBinding', { requestId: request.id, ...decision });
    list.update((r) => r.id === next.id, next);
  };

  const approve = (request: BindingRequest) =>
    approveAfterConfirm(
      {
        title: '通过申请',
        content: request.claimsOffline
          ? `确认 ${request.userName} 就是网格员为其代办过的 ${request.householdLabel} 无微信居民本人？通过后，此前的代办记录、积分和代办授权都归到本人账号。`
          : `确认 ${request.userName} 居住在 ${request.householdLabel}（${relationLabels[request.relation]}）？通过后将成为该户居民。`,
      },
      () => decide(request, { decision: 'approve' }),
      () => void list.refresh(),
    );

  return (
    <View className='screen'>
      <FilterBar
        options={[
          ['pending', '待审核'],
          ['all', '全部'],
        ]}
        value={filter}
        onChange={setFilter}
      />
      <View style={{ height: '16px' }} />
      <PagedList
        state={list}
        keyOf={(r) => r.id}
        emptyTitle={filter === 'pending' ? '没有待审核的申请' : '还没有绑定申请'}
        emptyHint='下拉可刷新'
        renderItem={(r) => <RequestCard request={r} onApprove={(x) => void approve(x)} onReject={setRejecting} />}
      />
      {rejecting ? (
        <RejectSheet
          title={`驳回 ${rejecting.userName} 的申请`}
          what={rejecting.householdLabel}
          placeholder='例如：经核实，该户无此住户'
          reject={(reason) => decide(rejecting, { decision: 'reject', reason })}
          onDone={() => setRejecting(null)}
          onCancel={() => setRejecting(null)}
        />
      ) : null}
    </View>
  );
}
