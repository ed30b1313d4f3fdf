/**
 * A member's points at a glance — balance, this quarter's total against the threshold with a
 * progress bar and a 达标 badge — and the ledger (积分明细), each entry with its explanation.
 * Shown to the member (我的积分) and to admins (a member's ledger).
 */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { formatShanghai } from '../format-time';
import { quarterLabel } from '../quarter';
import { ledgerReasonLabels } from '~types/labels/points';
import type { LedgerEntry, MyPoints } from '~types/points';
import type { PagedState } from '../use-paged';
import { PagedList } from './paged-list';
import './ledger.scss';

export function PointsSummary({ points, title }: { points: Omit<MyPoints, 'entries'>; title?: string }) {
  const { balance, quarter, quarterTotal, quarterThreshold } = points;
  const reached = quarterTotal >= quarterThreshold;
  const ratio = quarterThreshold > 0 ? Math.min(1, Math.max(0, quarterTotal / quarterThreshold)) : 1;
  return (
    <View className='points-summary' data-testid='points-summary'>
      <Text className='points-summary__label'>{title ?? '积分余额'}</Text>
      <Text className='points-summary__balance' data-testid='points-balance'>
        {balance}
      </Text>
      <View className='points-summary__quarter'>
        <View className='points-summary__row'>
          <Text className='points-summary__q'>
            {quarterLabel(quarter)}：{quarterTotal} / {quarterThreshold} 分
          </Text>
          <Text className={`points-badge ${reached ? 'is-ok' : 'is-short'}`} data-testid='points-badge'>
            {reached ? '达标' : '未达标'}
          </Text>
        </View>
        <View
          className='points-summary__bar'
          role='progressbar'
          aria-valuenow={quarterTotal}
          aria-valuemax={quarterThreshold}
        >
          <View
            className={`points-summary__fill ${reached ? 'is-ok' : ''}`}
            style={{ width: `${Math.round(ratio * 100)}%` }}
          />
        </View>
        <Text className='points-summary__hint'>
          {reached ? '本季度已达到社区的达标线' : `距离达标还差 ${quarterThreshold - quarterTotal} 分`}
        </Text>
      </View>
    </View>
  );
}

export function LedgerRow({ entry, action }: { entry: LedgerEntry; action?: ReactNode }) {
  return (
    <View className='card ledger-row' data-testid='ledger-entry'>
      <View className='card__row'>
        <Text className='ledger-row__what'>{entry.explanation}</Text>
        <Text className={`ledger-row__amount ${entry.amount < 0 ? 'is-minus' : ''}`}>
          {entry.amount > 0 ? `+${entry.amount}` : entry.amount}
        </Text>
      </View>
      <View className='ledger-row__meta'>
        <Text className='tag'>{ledgerReasonLabels[entry.reason]}</Text>
        {entry.reversed ? <Text className='tag tag--rejected'>已冲正</Text> : null}
        <Text className='ledger-row__time'>{formatShanghai(entry.createdAt)}</Text>
      </View>
      {action}
    </View>
  );
}

/** 积分明细: the ledger's entries, paged, newest first; `action` adds a row's buttons (an admin's 冲正). */
export function LedgerList({
  list,
  emptyHint,
  action,
}: {
  list: PagedState<LedgerEntry>;
  emptyHint?: string;
  action?: (entry: LedgerEntry) => ReactNode;
}) {
  return (
    <>
      <Text className='section-title'>积分明细</Text>
      <PagedList
        state={list}
        keyOf={(e) => e.id}
        emptyTitle='还没有积分记录'
        emptyHint={emptyHint}
        renderItem={(e) => <LedgerRow entry={e} action={action?.(e)} />}
      />
    </>
  );
}
