/**
 * A member's ledger (community admins): balance, quarter total against the threshold, every
 * entry with its explanation; 调整积分 (a credit or debit with a written reason) and 冲正 (a
 * reversing entry, at most once per entry, after a confirmation). Both are audited.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '@/services/cloud';
import { pageParam } from '@/shared/page-params';
import { usePaged } from '@/shared/use-paged';
import { ChoiceChips, FormField, type TextFieldSpec } from '@/shared/ui/form-field';
import { LedgerList, PointsSummary } from '@/shared/ui/ledger';
import { ReasonSheet } from '@/shared/ui/reason-sheet';
import { FormSheet } from '@/shared/ui/form-sheet';
import { NumberSteps } from '@/shared/ui/number-steps';
import { useForm } from '@/shared/use-form';
import { ErrorView } from '@/shared/ui/state-view';
import type { LedgerEntry, MyPoints } from '~types/points';
import './assessment.scss';

/** The form's text fields. */
const FIELDS = {
  reason: {
    label: '原因（本人可见，记入审计日志）',
    placeholder: '例如：协助社区疫苗接种登记',
    multiline: true,
    testId: 'adjust-reason',
  },
} satisfies Record<string, TextFieldSpec>;

function AdjustSheet({
  communityId,
  userId,
  name,
  onDone,
  onCancel,
}: {
  communityId: string;
  userId: string;
  name: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const s = useForm({ sign: 'plus' as 'plus' | 'minus', amount: '', reason: '' });
  // One id per opened sheet: a retry after a lost reply credits once (the server keys on it).
  const [requestId] = useState(() => `adj-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`);
  const amount = s.values.amount.trim();
  const n = Number(amount);
  const reason = s.values.reason.trim();
  return (
    <FormSheet
      form={s}
      title={`调整 ${name} 的积分`}
      confirmText='确认调整'
      check={() => ({
        amount: !/^\d+$/.test(amount) || n === 0 ? '请填写大于0的整数' : n > 100 ? '单次调整不超过100分' : undefined,
        reason: reason.length < 2 ? '请填写原因（至少2个字）' : undefined,
      })}
      submit={async () => {
        const amountSigned = s.values.sign === 'plus' ? n : -n;
        await call('points', 'adjustPoints', { communityId, userId, amount: amountSigned, reason, requestId });
        void Taro.showToast({ title: '已调整', icon: 'success' });
        onDone();
      }}
      onCancel={onCancel}
    >
      <View className='adjust-sign'>
        <ChoiceChips
          choices={[
            { value: 'plus', label: '加分' },
            { value: 'minus', label: '扣分' },
          ]}
          value={s.values.sign}
          onChange={(v) => s.set('sign', v)}
        />
      </View>
      <FormField label='分值（1–100）' {...s.text('amount')} type='number' maxlength={3} testId='adjust-amount' />
      <NumberSteps
        name='分值'
        value={s.values.amount}
        onChange={(v) => s.set('amount', v)}
        min={1}
        max={100}
        step={1}
        testId='adjust-amount'
      />
      <FormField {...FIELDS.reason} {...s.text('reason')} />
    </FormSheet>
  );
}

function ReverseSheet({ entry, onDone, onCancel }: { entry: LedgerEntry; onDone: () => void; onCancel: () => void }) {
  return (
    <ReasonSheet
      title='冲正这条积分'
      confirmText='确认冲正'
      danger
      onCancel={onCancel}
      intro={
        <>
          <Text className='card__text'>
            “{entry.explanation}”（{entry.amount > 0 ? `+${entry.amount}` : entry.amount}
            分）将被一条相反的记录抵消。每条记录只能冲正一次，冲正后不能撤销。
          </Text>
          <View style={{ height: '12px' }} />
        </>
      }
      label='冲正原因'
      placeholder='例如：重复登记，核实后冲正'
      onSubmit={async (reason) => {
        await call('points', 'reverseEntry', { entryId: entry.id, reason });
        void Taro.showToast({ title: '已冲正', icon: 'success' });
        onDone();
      }}
    />
  );
}

export function MemberLedgerScreen() {
  const communityId = pageParam('communityId') ?? '';
  const userId = pageParam('userId') ?? '';
  const name = pageParam('name') ?? '党员';
  const [summary, setSummary] = useState<Omit<MyPoints, 'entries'> | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const [reversing, setReversing] = useState<LedgerEntry | null>(null);
  const list = usePaged(
    async (cursor) => {
      const { entries, ...rest } = await call('points', 'memberLedger', {
        communityId,
        userId,
        limit: 20,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      setSummary(rest);
      return entries;
    },
    [communityId, userId],
  );
  if (!communityId || !userId) return <ErrorView message='缺少党员信息，请从“季度考核”页面进入' />;
  return (
    <View className='screen'>
      {summary ? <PointsSummary points={summary} title={`${name} 的积分余额`} /> : null}
      <Button className='btn btn--ghost btn--block' onClick={() => setAdjusting(true)}>
        调整积分
      </Button>
      <LedgerList
        list={list}
        action={(e) =>
          !e.reversed && e.reason !== 'reversal' ? (
            <View className='card__actions'>
              <Button className='btn btn--plain btn--small' onClick={() => setReversing(e)}>
                冲正
              </Button>
            </View>
          ) : null
        }
      />
      {adjusting ? (
        <AdjustSheet
          communityId={communityId}
          userId={userId}
          name={name}
          onCancel={() => setAdjusting(false)}
          onDone={() => {
            setAdjusting(false);
            void list.refresh();
          }}
        />
      ) : null}
      {reversing ? (
        <ReverseSheet
          entry={reversing}
          onCancel={() => setReversing(null)}
          onDone={() => {
            setReversing(null);
            void list.refresh();
          }}
        />
      ) : null}
    </View>
  );
}
