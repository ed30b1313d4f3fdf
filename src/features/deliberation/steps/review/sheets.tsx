/**
 * 联审's sheets: a proposal (text + the opinions it answers) and a review verdict (comment
 * required unless 同意).
 */
import { Text } from '@tarojs/components';
import { Field, ChoiceChips, FormField, MultiChips, type TextFieldSpec } from '@/shared/ui/form-field';
import { FormSheet } from '@/shared/ui/form-sheet';
import { useForm } from '@/shared/use-form';
import { reviewBodyLabels, verdictLabels, type ReviewBody, type Verdict } from '~types/labels/deliberation';
import type { Opinion } from '~types/deliberation';
import type { SheetProps } from '../../common/sheet-props';

const FIELDS = {
  proposal: {
    label: '方案内容',
    placeholder: '写明要做什么、怎么做、费用怎么分摊、何时完成',
    multiline: true,
    maxlength: 3000,
    testId: 'proposal-text',
  },
  comment: {
    label: '意见说明（选填）',
    placeholder: '修改后同意或不同意时，请写明理由',
    multiline: true,
    maxlength: 500,
    testId: 'review-comment',
  },
} satisfies Record<string, TextFieldSpec>;

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
  const s = useForm({ text: initial?.text ?? '', answersOpinionIds: initial?.answers ?? [] }, { onStale });
  const text = s.values.text.trim();
  return (
    <FormSheet
      form={s}
      title={initial ? '修改方案' : '起草方案'}
      confirmText={initial ? '保存为新版本' : '提交方案'}
      check={() => (text.length < 10 ? { text: '请写下方案内容（至少10个字）' } : {})}
      submit={() => onSubmit(text, s.values.answersOpinionIds)}
      onCancel={onCancel}
    >
      <Text className='dlb-sheet__intro'>
        {initial
          ? '修改后生成新版本，旧版本和它的审议意见会保留；新版本需要四方重新审议。'
          : '方案提交后由小区党支部、业委会、议事会、监事会审议。'}
      </Text>
      <FormField {...FIELDS.proposal} {...s.text('text')} />
      {opinions.length > 0 ? (
        <MultiChips
          label='本方案回应了哪些意见（可多选）'
          choices={opinions.map((o) => ({
            value: o.id,
            label: o.text.length > 18 ? `${o.text.slice(0, 18)}…` : o.text,
          }))}
          value={s.values.answersOpinionIds}
          onChange={(v) => s.set('answersOpinionIds', v)}
          error={s.err('answersOpinionIds')}
        />
      ) : null}
    </FormSheet>
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
  const s = useForm({ body: bodies[0] ?? null, verdict: null as Verdict | null, comment: '' }, { onStale });
  const { body, verdict } = s.values;
  const comment = s.values.comment.trim();
  const explained = !!verdict && verdict !== 'agree';
  return (
    <FormSheet
      form={s}
      title='记录审议意见'
      confirmText='提交审议意见'
      check={() => ({
        body: body ? undefined : '请选择代表的组织',
        verdict: verdict ? undefined : '请选择审议意见',
        comment: explained && comment.length < 2 ? '请写明修改意见或不同意的理由' : undefined,
      })}
      submit={() => onSubmit(body!, verdict!, comment)}
      onCancel={onCancel}
    >
      <Text className='dlb-sheet__intro'>审议意见提交后不能修改；负责人修改方案后需重新审议。</Text>
      {bodies.length > 1 ? (
        <ChoiceChips
          label='代表'
          choices={bodies.map((b) => ({ value: b, label: reviewBodyLabels[b] }))}
          value={body}
          onChange={(v) => s.set('body', v)}
          error={s.err('body')}
        />
      ) : (
        <Field label='代表' error={undefined}>
          <Text className='dlb-form__value'>{body ? reviewBodyLabels[body] : ''}</Text>
        </Field>
      )}
      <ChoiceChips
        label='审议意见'
        choices={(['agree', 'agree_with_changes', 'disagree'] as const).map((v) => ({
          value: v,
          label: verdictLabels[v],
        }))}
        value={verdict}
        onChange={(v) => s.set('verdict', v)}
        error={s.err('verdict')}
      />
      <FormField
        {...FIELDS.comment}
        label={explained ? '意见说明（必填）' : '意见说明（选填）'}
        {...s.text('comment')}
      />
    </FormSheet>
  );
}
