/** 评估's sheets: moving to evaluation (its period in days, by tapping) and a rating. */
import { Text } from '@tarojs/components';
import { Field, FormField, type TextFieldSpec } from '@/shared/ui/form-field';
import { FormSheet } from '@/shared/ui/form-sheet';
import { useForm } from '@/shared/use-form';
import { Stars } from '@/shared/ui/stars';
import { DEFAULT_PERIOD, PeriodChips } from '../../common/period-chips';
import type { SheetProps } from '../../common/sheet-props';

const FIELDS = {
  comment: {
    label: '评价（选填）',
    placeholder: '说说您对执行效果的看法',
    multiline: true,
    maxlength: 300,
    testId: 'rate-comment',
  },
} satisfies Record<string, TextFieldSpec>;

export function EvaluateSheet({
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { onSubmit: (evaluateDays: number) => Promise<void> }) {
  const s = useForm(() => ({ evaluateDays: DEFAULT_PERIOD }), { onStale });
  const { evaluateDays } = s.values;
  return (
    <FormSheet
      form={s}
      title='进入评估'
      confirmText='进入评估'
      check={() => ({})}
      submit={() => onSubmit(evaluateDays)}
      onCancel={onCancel}
    >
      <Text className='dlb-sheet__intro'>执行完成后请居民评价，每户一次（1–5星）。</Text>
      <PeriodChips
        label='评估期'
        value={evaluateDays}
        onChange={(v) => s.set('evaluateDays', v)}
        error={s.err('evaluateDays') ?? s.err('endsAt')}
      />
      <Text className='dlb-hint'>从现在起计算；期满后（或每户都已评价）可以归档。</Text>
    </FormSheet>
  );
}

export function RateSheet({
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { onSubmit: (score: number, comment: string) => Promise<void> }) {
  const s = useForm({ score: 0, comment: '' }, { onStale });
  const { score, comment } = s.values;
  return (
    <FormSheet
      form={s}
      title='评价执行效果'
      confirmText='提交评价'
      check={() => (score < 1 ? { score: '请选择评分' } : {})}
      submit={() => onSubmit(score, comment.trim())}
      onCancel={onCancel}
    >
      <Text className='dlb-sheet__intro'>每户评价一次，提交后不可更改。</Text>
      <Field label='满意程度' error={s.err('score')}>
        <Stars block='dlb-stars' value={score} onChange={(v) => s.set('score', v)} />
      </Field>
      <FormField {...FIELDS.comment} {...s.text('comment')} />
    </FormSheet>
  );
}
