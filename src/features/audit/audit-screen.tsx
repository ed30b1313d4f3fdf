/**
 * 审计日志: the community's audit log, newest first — each entry's summary, who, when (Asia/
 * Shanghai); tap an entry to see the data before and after the change.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { pageParam } from '@/shared/page-params';
import { usePaged } from '@/shared/use-paged';
import { PagedList } from '@/shared/ui/paged-list';
import { ErrorView } from '@/shared/ui/state-view';
import type { AuditEntry } from '~types/account';
import './audit-screen.scss';

const targetLabels: Record<string, string> = {
  binding_request: '绑定申请',
  role: '角色',
  user: '人员',
  community: '社区',
  estate: '小区',
  building: '楼栋',
  household: '房屋',
  work_unit: '报到单位',
};

function show(value: unknown): string {
  if (value === null || value === undefined) return '（无）';
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

function Entry({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  return (
    <View className='card audit' data-testid='audit-entry' onClick={() => setOpen(!open)}>
      <Text className='audit__summary'>{entry.summary}</Text>
      <View className='audit__meta'>
        <Text className='audit__actor'>{entry.actorName}</Text>
        <Text className='audit__time'>{formatShanghai(entry.at)}</Text>
      </View>
      <View className='audit__meta'>
        <Text className='tag'>{targetLabels[entry.targetKind] ?? entry.targetKind}</Text>
        <Text className='audit__toggle'>{open ? '收起' : '查看变更'}</Text>
      </View>
      {open ? (
        <View className='audit__diff'>
          <Text className='audit__diff-label'>变更前</Text>
          <Text className='audit__json'>{show(entry.before)}</Text>
          <Text className='audit__diff-label'>变更后</Text>
          <Text className='audit__json'>{show(entry.after)}</Text>
          <Text className='audit__action'>操作：{entry.action}</Text>
        </View>
      ) : null}
    </View>
  );
}

export function AuditScreen() {
  const communityId = pageParam('communityId');
  const list = usePaged(
    (cursor) =>
      call('account', 'listAudit', {
        communityId: communityId ?? '',
        ...(cursor !== undefined ? { cursor } : {}),
        limit: 20,
      }),
    [communityId],
  );
  if (!communityId) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;
  return (
    <View className='screen'>
      <Text className='audit-intro'>记录管理员和楼栋党小组长对他人数据的每一次改动，最新的在前。</Text>
      <PagedList state={list} keyOf={(e) => e.id} emptyTitle='暂无审计记录' renderItem={(e) => <Entry entry={e} />} />
    </View>
  );
}
