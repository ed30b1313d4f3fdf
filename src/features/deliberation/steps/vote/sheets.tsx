/** 表决's sheet: opening the vote (rule + closing time), offered to the leader during 联审. */
import { useState } from 'react';
import { Text } from '@tarojs/components';
import { ChoiceChips } from '@/shared/ui/form-field';
import { Sheet } from '@/shared/ui/sheet';
import { voteRuleLabels, type VoteRule } from '~types/labels/deliberation';
import { useAction } from '@/shared/use-action';
import { TimeRow } from '@/shared/ui/time-row';
import { instant, toIso, type WallTime } from '@/shared/wall-time';
import { hoursAhead } from '../../wall-time';
import type { SheetProps } from '../../common/sheet-props';
import { ruleExplanations } from './rules';

export function VoteSheet({
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { onSubmit: (rule: VoteRule, closesAt: string) => Promise<void> }) {
  const [rule, setRule] = useState<VoteRule>('simple');
  const [closes, setCloses] = useState<WallTime>(hoursAhead(24 * 3));
  const s = useAction({ onStale });
  const confirm = () => {
    if (!s.check(instant(closes).getTime() <= Date.now() ? { closesAt: '投票截止时间应晚于现在' } : {})) return;
    void s.run(() => onSubmit(rule, toIso(closes)));
  };
  return (
    <Sheet
      title='发起表决'
      confirmText='开始投票'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
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
        onChange={setRule}
      />
      <Text className='dlb-rule-text' data-testid='vote-rule-explanation'>
        {ruleExplanations[rule]}
      </Text>
      <TimeRow
        label='投票截止'
        value={closes}
        onChange={(v) => {
          setCloses(v);
          s.clear('closesAt');
        }}
        error={s.fields.closesAt || undefined}
        hint='北京时间；截止后负责人结束表决并计票'
        testId='vote-closes'
      />
    </Sheet>
  );
}
