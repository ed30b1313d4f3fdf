/** 评估's sheets: moving to evaluation (end time) and a rating. */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { FormField } from '@/shared/ui/form-field';
import { Sheet } from '@/shared/ui/sheet';
import { useAction } from '@/shared/use-action';
import { Stars } from '@/shared/ui/stars';
import { TimeRow } from '@/shared/ui/time-row';
import { instant, toIso, type WallTime } from '@/shared/wall-time';
import { hoursAhead } from '../../wall-time';
import type { SheetProps } from '../../common/sheet-props';

export function EvaluateSheet({
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { onSubmit: (endsAt: string) => Promise<void> }) {
  const [ends, setEnds] = useState<WallTime>(hoursAhead(24 * 7));
  const s = useAction({ onStale });
  const confirm = () => {
    if (!s.check(instant(ends).getTime() <= Date.now() ? { endsAt: '评估截止时间应晚于现在' } : {})) return;
    void s.run(() => onSubmit(toIso(ends)));
  };
  return (
    <Sheet
      title='进入评估'
      confirmText='进入评估'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>执行完成后请居民评价，每户一次（1–5星）。</Text>
      <TimeRow
        label='评估截止'
        value={ends}
        onChange={(v) => {
          setEnds(v);
          s.clear('endsAt');
        }}
        error={s.fields.endsAt || undefined}
        hint='北京时间；截止后（或每户都已评价）可以归档'
        testId='evaluate-ends'
      />
    </Sheet>
  );
}

export function RateSheet({
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { onSubmit: (score: number, comment: string) => Promise<void> }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const s = useAction({ onStale });
  const confirm = () => {
    if (!s.check(score < 1 ? { score: '请选择评分' } : {})) return;
    void s.run(() => onSubmit(score, comment.trim()));
  };
  return (
    <Sheet
      title='评价执行效果'
      confirmText='提交评价'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>每户评价一次，提交后不可更改。</Text>
      <View className={`form-field ${s.fields.score ? 'has-error' : ''}`}>
        <Text className='form-field__label'>满意程度</Text>
        <Stars
          block='dlb-stars'
          value={score}
          onChange={(v) => {
            setScore(v);
            s.clear('score');
          }}
        />
        {s.fields.score ? <View className='form-field__error'>{s.fields.score}</View> : null}
      </View>
      <FormField
        label='评价（选填）'
        value={comment}
        onInput={setComment}
        error={s.fields.comment || undefined}
        placeholder='说说您对执行效果的看法'
        multiline
        maxlength={300}
        testId='rate-comment'
      />
    </Sheet>
  );
}
