/** 评估's sheets: moving to evaluation (end time) and a rating. */
import { Text } from '@tarojs/components';
import { Field, FormField } from '@/shared/ui/form-field';
import { FormSheet } from '@/shared/ui/form-sheet';
import { useForm } from '@/shared/use-form';
import { Stars } from '@/shared/ui/stars';
import { TimeRow } from '@/shared/ui/time-row';
import { instant, toIso } from '@/shared/wall-time';
import { hoursAhead } from '../../wall-time';
import type { SheetProps } from '../../common/sheet-props';

export function EvaluateSheet({
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { onSubmit: (endsAt: string) => Promise<void> }) {
  const s = useForm(() => ({ endsAt: hoursAhead(24 * 7) }), { onStale });
  const { endsAt } = s.values;
  return (
    <FormSheet
      form={s}
      title='进入评估'
      confirmText='进入评估'
      check={() => (instant(endsAt).getTime() <= Date.now() ? { endsAt: '评估截止时间应晚于现在' } : {})}
      submit={() => onSubmit(toIso(endsAt))}
      onCancel={onCancel}
    >
      <Text className='dlb-sheet__intro'>执行完成后请居民评价，每户一次（1–5星）。</Text>
      <TimeRow
        label='评估截止'
        value={endsAt}
        onChange={(v) => s.set('endsAt', v)}
        error={s.err('endsAt')}
        hint='北京时间；截止后（或每户都已评价）可以归档'
        testId='evaluate-ends'
      />
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
      <FormField
        label='评价（选填）'
        {...s.text('comment')}
        placeholder='说说您对执行效果的看法'
        multiline
        maxlength={300}
        testId='rate-comment'
      />
    </FormSheet>
  );
}
