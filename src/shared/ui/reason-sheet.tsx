/**
 * A bottom sheet that asks for a required reason before an irreversible step (reject, release,
 * reverse, withdraw, cancel): the reason must have at least `min` (2) characters; the step runs through
 * the action kit, so a refusal shows in place and a stale one goes to `onStale` when given.
 */
import type { ReactNode } from 'react';
import type { AppError } from '~types/errors';
import { FormField } from './form-field';
import { useForm } from '@/shared/use-form';
import { FormSheet } from './form-sheet';

export interface ReasonSheetProps {
  title: string;
  label: string;
  placeholder: string;
  confirmText: string;
  /** What the step does, shown above the field. */
  intro?: ReactNode;
  danger?: boolean;
  testId?: string;
  /** Fewest characters (2) and most (200) the reason may have. */
  min?: number;
  max?: number;
  /** The message under the field when the reason is shorter than `min` characters. */
  tooShort?: string;
  /** The input fields whose server messages show under this field (`reason`). */
  fields?: readonly string[];
  /** Runs the step with the trimmed reason (closing the sheet is up to it). */
  onSubmit: (reason: string) => Promise<unknown>;
  onCancel: () => void;
  /** Called instead of showing the refusal when the thing moved on (see `isStale`). */
  onStale?: (e: AppError) => void;
}

export function ReasonSheet({
  title,
  label,
  placeholder,
  confirmText,
  intro,
  danger,
  testId,
  min = 2,
  max = 200,
  tooShort = '请填写原因（至少2个字）',
  fields = ['reason'],
  onSubmit,
  onCancel,
  onStale,
}: ReasonSheetProps) {
  const form = useForm({ reason: '' }, onStale ? { onStale } : {});
  return (
    <FormSheet
      form={form}
      title={title}
      confirmText={confirmText}
      danger={danger}
      check={() => (form.values.reason.trim().length < min ? { reason: tooShort } : {})}
      submit={() => onSubmit(form.values.reason.trim())}
      onCancel={onCancel}
    >
      {intro}
      <FormField
        label={label}
        value={form.values.reason}
        onInput={(v) => {
          form.set('reason', v);
          for (const f of fields) form.clear(f);
        }}
        error={fields.map((f) => form.fields[f]).find(Boolean) || undefined}
        placeholder={placeholder}
        multiline
        maxlength={max}
        {...(testId ? { testId } : {})}
      />
    </FormSheet>
  );
}

/** 取消活动 (a check-in event, a volunteer activity): the reason sheet with its wording. */
export function CancelSheet({
  name,
  ...rest
}: Pick<ReasonSheetProps, 'intro' | 'testId' | 'tooShort' | 'onSubmit' | 'onCancel'> & { name: string }) {
  return (
    <ReasonSheet
      title={`取消活动“${name}”`}
      confirmText='确认取消活动'
      danger
      label='取消原因'
      placeholder='例如：因天气原因改期'
      {...rest}
    />
  );
}
