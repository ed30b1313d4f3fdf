/**
 * 审计日志: the community's audit log, newest first, each entry one Chinese sentence — who did
 * what (types/labels/audit.ts), when (Asia/Shanghai) and its kind; filtered on the server by
 * person (tap a name: 只看此人), kind and days. Tap 查看变更 to see the changed fields in words;
 * no raw data or English tags are shown.
 */
import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { pageParam } from '@/shared/page-params';
import { usePaged } from '@/shared/use-paged';
import { ChoiceChips } from '@/shared/ui/form-field';
import { PagedList } from '@/shared/ui/paged-list';
import { ErrorView } from '@/shared/ui/state-view';
import type { AuditEntry } from '~types/account';
import { AUDIT_KINDS, auditKindLabels, auditKindOf, auditSentence, type AuditKind } from '~types/labels/audit';
import { PROXY_ACT_ENTRIES } from '~types/labels/proxy';
import { changedFields } from './audit-changes';
import './audit-screen.scss';

const KIND_CHOICES = [
  { value: 'all' as const, label: '全部' },
  ...AUDIT_KINDS.map((k) => ({ value: k, label: auditKindLabels[k] })),
];

interface Filters {
  actor: { id: string; name: string } | null;
  kind: AuditKind | 'all';
  from: string | null;
  to: string | null;
}

/** An admin refuses one 代办 act from its entry (docs/adr/0044-refusing-a-proxy-act.md). */
function refuseUrl(entry: AuditEntry): string {
  const q = [
    `auditId=${encodeURIComponent(entry.id)}`,
    `action=${encodeURIComponent(entry.action)}`,
    `summary=${encodeURIComponent(auditSentence(entry))}`,
  ];
  return `/packages/proxy/pages/refuse/index?${q.join('&')}`;
}

function Entry({ entry, onActor }: { entry: AuditEntry; onActor: () => void }) {
  const [open, setOpen] = useState(false);
  const kind = auditKindOf(entry.action);
  const changes = changedFields(entry.before, entry.after);
  return (
    <View className='card audit' data-testid='audit-entry'>
      <Text className='audit__summary'>{auditSentence(entry)}</Text>
      <View className='audit__meta'>
        {entry.actorId ? (
          <View className='audit__actor' role='button' onClick={onActor} data-testid='audit-actor'>
            只看{entry.actorName}
          </View>
        ) : (
          <Text className='audit__actor'>{entry.actorName}</Text>
        )}
        <Text className='audit__time'>{formatShanghai(entry.at)}</Text>
      </View>
      <View className='audit__meta'>
        <Text className='tag'>{kind ? auditKindLabels[kind] : '其他'}</Text>
        {changes.length > 0 ? (
          <View className='audit__toggle' role='button' onClick={() => setOpen(!open)}>
            {open ? '收起' : '查看变更'}
          </View>
        ) : null}
        {entry.refused ? <Text className='tag'>已撤销</Text> : null}
        {PROXY_ACT_ENTRIES[entry.action] && !entry.refused ? (
          <View
            className='audit__toggle'
            role='button'
            onClick={() => void Taro.navigateTo({ url: refuseUrl(entry) })}
            data-testid='audit-refuse-proxy'
          >
            撤销此代办
          </View>
        ) : null}
      </View>
      {open ? (
        <View className='audit__diff'>
          {changes.map((c) => (
            <Text key={c.label} className='audit__change'>
              {c.label}：{c.before} → {c.after}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}

function DayPick({ label, value, onChange }: { label: string; value: string | null; onChange: (d: string) => void }) {
  return (
    <Picker mode='date' value={value ?? ''} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='audit-filter__day'>
        <Text className='audit-filter__hint'>{label}</Text>
        <Text className='audit-filter__value'>{value ?? '不限'}</Text>
      </View>
    </Picker>
  );
}

export function AuditScreen() {
  const communityId = pageParam('communityId');
  const [filters, setFilters] = useState<Filters>({ actor: null, kind: 'all', from: null, to: null });
  const badRange = filters.from && filters.to && filters.from > filters.to;
  const list = usePaged(
    (cursor) =>
      call('account', 'listAudit', {
        communityId: communityId ?? '',
        ...(filters.actor ? { actorId: filters.actor.id } : {}),
        ...(filters.kind !== 'all' ? { kind: filters.kind } : {}),
        ...(filters.from && !badRange ? { from: filters.from } : {}),
        ...(filters.to && !badRange ? { to: filters.to } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        limit: 20,
      }),
    [communityId, filters.actor?.id, filters.kind, filters.from, filters.to],
  );
  if (!communityId) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;
  const set = (patch: Partial<Filters>) => setFilters((old) => ({ ...old, ...patch }));
  return (
    <View className='screen'>
      <Text className='audit-intro'>记录管理员和楼栋党小组长对他人数据的每一次改动，最新的在前。</Text>
      <View className='audit-filter' data-testid='audit-filter'>
        <ChoiceChips label='类别' choices={KIND_CHOICES} value={filters.kind} onChange={(kind) => set({ kind })} />
        <View className='audit-filter__days'>
          <DayPick label='从' value={filters.from} onChange={(from) => set({ from })} />
          <Text className='audit-filter__to'>至</Text>
          <DayPick label='到' value={filters.to} onChange={(to) => set({ to })} />
          {filters.from || filters.to ? (
            <View className='audit-filter__clear' role='button' onClick={() => set({ from: null, to: null })}>
              清除日期
            </View>
          ) : null}
        </View>
        {badRange ? (
          <View className='form-field__error' role='alert'>
            开始日期不能晚于结束日期
          </View>
        ) : null}
        {filters.actor ? (
          <View className='audit-filter__person'>
            <Text>只看 {filters.actor.name} 的操作</Text>
            <View className='audit-filter__clear' role='button' onClick={() => set({ actor: null })}>
              看全部人
            </View>
          </View>
        ) : (
          <Text className='audit-filter__tip'>点记录里的“只看某人”，可只看此人的操作。</Text>
        )}
      </View>
      <PagedList
        state={list}
        keyOf={(e) => e.id}
        emptyTitle='暂无符合条件的审计记录'
        renderItem={(e) => (
          <Entry entry={e} onActor={() => e.actorId && set({ actor: { id: e.actorId, name: e.actorName } })} />
        )}
      />
    </View>
  );
}
