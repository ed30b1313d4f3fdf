/** 表决's sheet: opening the vote (rule + closing time), offered to the leader during 联审. */
import { Text } from '@tarojs/components';
import { ChoiceChips } from '@/shared/ui/form-field';
import { FormSheet } from '@/shared/ui/form-sheet';
import { useForm } from '@/shared/use-form';
import { voteRuleLabels, type VoteRule } from '~types/labels/deliberation';
import { TimeRow } from '@/shared/ui/time-row';
import { instant, toIso } from '@/shared/wall-time';
import { hoursAhead } from '../../wall-time';
import type { SheetProps } from '../../common/sheet-props';
import { ruleExplanations } from './rules';

export function VoteSheet({
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { onSubmit: (rule: VoteRule, closesAt: string) => Promise<void> }) {
  const s = useForm(() => ({ rule: 'simple' as VoteRule, closesAt: hoursAhead(24 * 3) }), { onStale });
  const { rule, closesAt } = s.values;
  return (
    <FormSheet
      form={s}
      title='发起表决'
      confirmText='开始投票'
      check={() => (instant(closesAt).getTime() <= Date.now() ? { closesAt: '投票截止时间应晚于现在' } : {})}
      submit={() => onSubmit(rule, toIso(closesAt))}
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
      <TimeRow
        label='投票截止'
        value={closesAt}
        onChange={(v) => s.set('closesAt', v)}
        error={s.err('closesAt')}
        hint='北京时间；截止后负责人结束表决并计票'
        testId='vote-closes'
      />
    </FormSheet>
  );
}
