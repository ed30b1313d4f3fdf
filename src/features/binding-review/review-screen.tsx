/**
 * 绑定审核: a community's binding requests (admins see all, leaders their buildings'), pending
 * ones first by default. Approve after a confirmation; reject with a required reason.
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
import { bindingStatusLabels, relationLabels } from '~types/labels/account';
import type { BindingRequest } from '~types/account';
import { AppError } from '~types/errors';

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
        <View className='card__actions'>
          <Button className='btn btn--plain btn--small' onClick={() => onReject(request)}>
            驳回
          </Button>
          <Button className='btn btn--primary btn--small' onClick={() => onApprove(request)}>
            通过
          </Button>
        </View>
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
  const [reason, setReason] = useState('');
  const action = useAction();
  const { busy, error: sheetError } = action;
  const reasonError = action.fields.reason;

  if (!communityId) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;

  const decided = (next: BindingRequest, title: string) => {
    list.update((r) => r.id === next.id, next);
    void Taro.showToast({ title, icon: 'success' });
  };

  const approve = async (request: BindingRequest) => {
    const answer = await Taro.showModal({
      title: '通过申请',
      content: `确认 ${request.userName} 居住在 ${request.householdLabel}（${relationLabels[request.relation]}）？通过后将成为该户居民。`,
      confirmText: '通过',
      confirmColor: '#c8102e',
    });
    if (!answer.confirm) return;
    try {
      decided(await call('account', 'decideBinding', { requestId: request.id, decision: 'approve' }), '已通过');
    } catch (e) {
      void Taro.showModal({ title: '操作失败', content: errorMessage(e), showCancel: false });
      if (e instanceof AppError && e.code === 'PRECONDITION_FAILED') void list.refresh();
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
      decided(
        await call('account', 'decideBinding', { requestId: rejecting.id, decision: 'reject', reason: text }),
        '已驳回',
      );
      setRejecting(null);
    });
  };

  return (
    <View className='screen'>
      <View className='filter-bar' role='tablist'>
        {(
          [
            ['pending', '待审核'],
            ['all', '全部'],
          ] as const
        ).map(([key, label]) => (
          <View
            key={key}
            className={`filter-bar__item ${filter === key ? 'is-active' : ''}`}
            role='tab'
            aria-selected={filter === key}
            onClick={() => setFilter(key)}
          >
            {label}
          </View>
        ))}
      </View>
      <View style={{ height: '16px' }} />
      <PagedList
        state={list}
        keyOf={(r) => r.id}
        emptyTitle={filter === 'pending' ? '没有待审核的申请' : '还没有绑定申请'}
        emptyHint='下拉可刷新'
        renderItem={(r) => (
          <RequestCard
            request={r}
            onApprove={(x) => void approve(x)}
            onReject={(x) => {
              setRejecting(x);
              setReason('');
              action.clear('reason');
              action.setError(null);
            }}
          />
        )}
      />
      {rejecting ? (
        <Sheet
          title={`驳回 ${rejecting.userName} 的申请`}
          confirmText='确认驳回'
          danger
          busy={busy}
          error={sheetError}
          onCancel={() => setRejecting(null)}
          onConfirm={() => void reject()}
        >
          <Text className='card__text'>{rejecting.householdLabel}</Text>
          <View style={{ height: '12px' }} />
          <FormField
            label='驳回原因（申请人可见）'
            value={reason}
            onInput={(v) => {
              setReason(v);
              action.clear('reason');
            }}
            error={reasonError}
            placeholder='例如：经核实，该户无此住户'
            multiline
            testId='reject-reason'
          />
        </Sheet>
      ) : null}
    </View>
  );
}
