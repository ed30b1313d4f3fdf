/**
 * A bottom-sheet form described by data: its text fields (label, placeholder, length, test id),
 * their first values, the local checks and the action that saves them. Typing in a field drops
 * that field's message; local problems and the server's field messages (AppError.fields) show
 * under the fields, any other refusal above the buttons (the action kit, `useAction`).
 */
import { useState, type ReactNode } from 'react';
import { useAction, type Action, type ActionOptions, type FieldErrors } from '../use-action';
import { FormField } from './form-field';
import { Sheet } from './sheet';

export interface FieldSpec<K extends string> {
  name: K;
  label: string;
  placeholder: string;
  maxlength: number;
  type?: 'text' | 'number' | 'digit';
  multiline?: boolean;
  testId?: string;
}

export type FieldValues<K extends string> = Record<K, string>;

export interface FieldsSheetProps<K extends string> {
  title: string;
  confirmText?: string;
  fields: readonly FieldSpec<K>[];
  initial: FieldValues<K>;
  /** Local checks before anything is sent: field name → message. */
  check: (values: FieldValues<K>) => FieldErrors;
  /**
   * The values after `name` was typed as `value` (e.g. a default that follows another field);
   * without it only that field changes.
   */
  derive?: (values: FieldValues<K>, name: K, value: string) => FieldValues<K>;
  /** Asked after the checks passed (e.g. a confirmation); nothing is sent unless it resolves true. */
  confirm?: (values: FieldValues<K>) => Promise<boolean>;
  /** Sends the values (not trimmed: `submit` trims what it sends). */
  submit: (values: FieldValues<K>) => Promise<unknown>;
  /** More of the form under the text fields (a switch, a picker); it gets the form's action. */
  extra?: (action: Action) => ReactNode;
  /** Shown beside the sheet, over it (a second sheet, e.g. a picker); it gets the form's action. */
  over?: (action: Action) => ReactNode;
  conflictFields?: ActionOptions['conflictFields'];
  onSaved: () => void;
  onCancel: () => void;
}

/** The rule of types/org.ts `Title(what, max)`: trimmed, not empty, at most `max` characters. */
export function titleError(value: string, what: string, max: number, out: FieldErrors, key: string) {
  const v = value.trim();
  if (!v) out[key] = `请填写${what}`;
  else if (v.length > max) out[key] = `${what}不超过${max}个字`;
}

export function FieldsSheet<K extends string>({
  title,
  confirmText = '保存',
  fields,
  initial,
  check,
  derive,
  confirm,
  submit,
  extra,
  over,
  conflictFields,
  onSaved,
  onCancel,
}: FieldsSheetProps<K>) {
  const [values, setValues] = useState(initial);
  const action = useAction({ onDone: onSaved, ...(conflictFields ? { conflictFields } : {}) });
  const save = async () => {
    if (!action.check(check(values))) return;
    if (confirm && !(await confirm(values))) return;
    await action.run(() => submit(values));
  };
  const input = (name: K, value: string) => {
    setValues((old) => (derive ? derive(old, name, value) : { ...old, [name]: value }));
    action.clear(name);
  };
  return (
    <>
      <Sheet
        title={title}
        confirmText={confirmText}
        busy={action.busy}
        error={action.error}
        onCancel={onCancel}
        onConfirm={() => void save()}
      >
        {fields.map((f) => (
          <FormField
            key={f.name}
            label={f.label}
            value={values[f.name]}
            onInput={(v) => input(f.name, v)}
            error={action.fields[f.name]}
            placeholder={f.placeholder}
            maxlength={f.maxlength}
            {...(f.type ? { type: f.type } : {})}
            {...(f.multiline ? { multiline: true } : {})}
            {...(f.testId ? { testId: f.testId } : {})}
          />
        ))}
        {extra?.(action)}
      </Sheet>
      {over?.(action)}
    </>
  );
}
