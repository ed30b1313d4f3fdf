/**
 * 联审's sheets: a proposal (text + the opinions it answers) and a review verdict (comment
 * required unless 同意).
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ChoiceChips, FormField, MultiChips } from '@/shared/ui/form-field';
import { Sheet } from '@/shared/ui/sheet';
import { reviewBodyLabels, verdictLabels, type ReviewBody, type Verdict } from '~types/labels/deliberation';
import type { Opinion } from '~types/deliberation';
import { useAction } from '@/shared/use-action';
import type { SheetProps } from '../../common/sheet-props';

export function ProposalSheet({
  opinions,
  initial,
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & {
  opinions: Opinion[];
  initial: { text: string; answers: string[] } | null;
  onSubmit: (text: string, answers: string[]) => Promise<void>;
}) {
  const [text, setText] = useState(initial?.text ?? '');
  const [answers, setAnswers] = useState<string[]>(initial?.answers ?? []);
  const s = useAction({ onStale });
  const confirm = () => {
    const value = text.trim();
    if (!s.check(value.length < 10 ? { text: '请写下方案内容（至少10个字）' } : {})) return;
    void s.run(() => onSubmit(value, answers));
  };
  return (
    <Sheet
      title={initial ? '修改方案' : '起草方案'}
      confirmText={initial ? '保存为新版本' : '提交方案'}
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>
        {initial
          ? '修改后生成新版本，旧版本和它的审议意见会保留；新版本需要四方重新审议。'
          : '方案提交后由小区党支部、业委会、议事会、监事会审议。'}
      </Text>
      <FormField
        label='方案内容'
        value={text}
        onInput={(v) => {
          setText(v);
          s.clear('text');
        }}
        error={s.fields.text || undefined}
        placeholder='写明要做什么、怎么做、费用怎么分摊、何时完成'
        multiline
        maxlength={3000}
        testId='proposal-text'
      />
      {opinions.length > 0 ? (
        <MultiChips
          label='本方案回应了哪些意见（可多选）'
          choices={opinions.map((o) => ({
            value: o.id,
            label: o.text.length > 18 ? `${o.text.slice(0, 18)}…` : o.text,
          }))}
          value={answers}
          onChange={setAnswers}
          error={s.fields.answersOpinionIds || undefined}
        />
      ) : null}
    </Sheet>
  );
}

export function ReviewSheet({
  bodies,
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & {
  bodies: ReviewBody[];
  onSubmit: (body: ReviewBody, verdict: Verdict, comment: string) => Promise<void>;
}) {
  const [body, setBody] = useState<ReviewBody | null>(bodies[0] ?? null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [comment, setComment] = useState('');
  const s = useAction({ onStale });
  const confirm = () => {
    const problems: Record<string, string> = {};
    if (!body) problems.body = '请选择代表的组织';
    if (!verdict) problems.verdict = '请选择审议意见';
    if (verdict && verdict !== 'agree' && comment.trim().length < 2) problems.comment = '请写明修改意见或不同意的理由';
    if (!s.check(problems)) return;
    void s.run(() => onSubmit(body!, verdict!, comment.trim()));
  };
  return (
    <Sheet
      title='记录审议意见'
      confirmText='提交审议意见'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>审议意见提交后不能修改；负责人修改方案后需重新审议。</Text>
      {bodies.length > 1 ? (
        <ChoiceChips
          label='代表'
          choices={bodies.map((b) => ({ value: b, label: reviewBodyLabels[b] }))}
          value={body}
          onChange={setBody}
          error={s.fields.body || undefined}
        />
      ) : (
        <View className='form-field'>
          <Text className='form-field__label'>代表</Text>
          <Text className='dlb-form__value'>{body ? reviewBodyLabels[body] : ''}</Text>
        </View>
      )}
      <ChoiceChips
        label='审议意见'
        choices={(['agree', 'agree_with_changes', 'disagree'] as const).map((v) => ({
          value: v,
          label: verdictLabels[v],
        }))}
        value={verdict}
        onChange={(v) => {
          setVerdict(v);
          s.clear('verdict');
        }}
        error={s.fields.verdict || undefined}
      />
      <FormField
        label={verdict && verdict !== 'agree' ? '意见说明（必填）' : '意见说明（选填）'}
        value={comment}
        onInput={(v) => {
          setComment(v);
          s.clear('comment');
        }}
        error={s.fields.comment || undefined}
        placeholder='修改后同意或不同意时，请写明理由'
        multiline
        maxlength={500}
        testId='review-comment'
      />
    </Sheet>
  );
}
