/**
 * A bottom sheet that asks for a required reason before an irreversible step (reject, release,
 * reverse, withdraw, cancel): the reason must have at least `min` (2) characters; the step runs through
 * the action kit, so a refusal shows in place and a stale one goes to `onStale` when given.
 */
import { useState, type ReactNode } from 'react';
import type { AppError } from '~types/errors';
import { useAction } from '@/shared/use-action';
import { FormField } from './form-field';
import { Sheet } from './sheet';

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
  const [reason, setReason] = useState('');
  const action = useAction(onStale ? { onStale } : {});
  const confirm = () => {
    const text = reason.trim();
    if (text.length < min) {
      action.check({ reason: tooShort });
      return;
    }
    void action.run(() => onSubmit(text));
  };
  return (
    <Sheet
      title={title}
      confirmText={confirmText}
      danger={danger}
      busy={action.busy}
      error={action.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      {intro}
      <FormField
        label={label}
        value={reason}
        onInput={(v) => {
          setReason(v);
          for (const f of fields) action.clear(f);
        }}
        error={fields.map((f) => action.fields[f]).find(Boolean) || undefined}
        placeholder={placeholder}
        multiline
        maxlength={max}
        {...(testId ? { testId } : {})}
      />
    </Sheet>
  );
}
