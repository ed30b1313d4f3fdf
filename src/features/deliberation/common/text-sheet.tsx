/**
 * A sheet for one required text: a reason (终止, 暂停/恢复公示), an objection or an answer. A refusal
 * with field errors shows in place; one that means the topic moved on (`stale`) is handed back.
 */
import { useState } from 'react';
import { Text } from '@tarojs/components';
import { FormField } from '@/shared/ui/form-field';
import { Sheet } from '@/shared/ui/sheet';
import { useAction } from '@/shared/use-action';
import type { SheetProps } from './sheet-props';

/** One required text (a reason, an objection, an answer). */
export function TextSheet({
  title,
  label,
  placeholder,
  confirmText,
  intro,
  danger,
  min = 2,
  max = 200,
  testId,
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & {
  title: string;
  label: string;
  placeholder: string;
  confirmText: string;
  intro?: string;
  danger?: boolean;
  min?: number;
  max?: number;
  testId: string;
  onSubmit: (text: string) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const s = useAction({ onStale });
  const confirm = () => {
    const value = text.trim();
    if (!s.check(value.length < min ? { text: `请填写${label.replace(/（.*）$/, '')}（至少${min}个字）` } : {})) return;
    void s.run(() => onSubmit(value));
  };
  return (
    <Sheet
      title={title}
      confirmText={confirmText}
      danger={danger}
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      {intro ? <Text className='dlb-sheet__intro'>{intro}</Text> : null}
      <FormField
        label={label}
        value={text}
        onInput={(v) => {
          setText(v);
          s.clear('text');
        }}
        error={s.fields.text || s.fields.reason || s.fields.answer || undefined}
        placeholder={placeholder}
        multiline
        maxlength={max}
        testId={testId}
      />
    </Sheet>
  );
}
