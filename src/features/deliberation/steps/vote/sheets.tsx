/**
 * 表决's sheet: opening the vote — the rule, the voting period and the 公示 period that follows a
 * passed vote (days, by tapping; 7 by default) — offered to the leader during 联审.
 */
import { Text } from '@tarojs/components';
import { ChoiceChips } from '@/shared/ui/form-field';
import { FormSheet } from '@/shared/ui/form-sheet';
import { useForm } from '@/shared/use-form';
import { voteRuleLabels, type VoteRule } from '~types/labels/deliberation';
import { DEFAULT_PERIOD, PeriodChips } from '../../common/period-chips';
import type { SheetProps } from '../../common/sheet-props';
import { ruleExplanations } from './rules';

export function VoteSheet({
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { onSubmit: (rule: VoteRule, voteDays: number, noticeDays: number) => Promise<void> }) {
  const s = useForm(() => ({ rule: 'simple' as VoteRule, voteDays: DEFAULT_PERIOD, noticeDays: DEFAULT_PERIOD }), {
    onStale,
  });
  const { rule, voteDays, noticeDays } = s.values;
  return (
    <FormSheet
      form={s}
      title='发起表决'
      confirmText='开始投票'
      check={() => ({})}
      submit={() => onSubmit(rule, voteDays, noticeDays)}
      onCancel={onCancel}
    >
      <Text className='dlb-sheet__intro'>
        开始后范围内每户可投一票（同意/反对/弃权）；截止前只公布参与情况，不公布票数。
      </Text>
      <ChoiceChips
        label='计票规则'
        choices={(['simple', 'civil_ordinary', 'civil_major'] as const).map((r) => ({
          value: r,
          label: voteRuleLabels[r],
        }))}
        value={rule}
        onChange={(v) => s.set('rule', v)}
      />
      <Text className='dlb-rule-text' data-testid='vote-rule-explanation'>
        {ruleExplanations[rule]}
      </Text>
      <PeriodChips
        label='投票期'
        value={voteDays}
        onChange={(v) => s.set('voteDays', v)}
        error={s.err('voteDays') ?? s.err('closesAt')}
      />
      <Text className='dlb-hint'>从现在起计算；期满后负责人结束表决并计票。</Text>
      <PeriodChips
        label='表决通过后的公示期'
        value={noticeDays}
        onChange={(v) => s.set('noticeDays', v)}
        error={s.err('noticeDays')}
      />
      <Text className='dlb-hint'>公示期内居民可以提出异议；期满且异议均已答复后才能进入执行。</Text>
    </FormSheet>
  );
}
