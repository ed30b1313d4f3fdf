/**
 * A small form in a bottom sheet, run through the action kit: `useSheetForm` holds the values
 * and the action (editing a field drops its message; `text(name)` binds a `FormField`), and
 * `FormSheet` is the sheet whose confirm button checks the values locally (`check`, nothing is
 * sent while it finds a problem) and then runs `submit`, busy meanwhile and showing a refusal
 * in place (or handing a stale one to `onStale`, given to `useSheetForm`).
 */
import { useCallback, useState, type ReactNode } from 'react';
import { useAction, type Action, type ActionOptions, type FieldErrors } from '@/shared/use-action';
import { Sheet } from './sheet';

type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

export interface SheetForm<V> extends Action {
  values: V;
  /** Sets one value and drops that field's message. */
  set: <K extends keyof V & string>(name: K, value: V[K]) => void;
  /** A text field's value, input handler and message, to spread into a `FormField`. */
  text: (name: TextKeys<V>) => { value: string; onInput: (value: string) => void; error: string | undefined };
  /** The message under a field, if any. */
  err: (name: string) => string | undefined;
}

export function useSheetForm<V extends object>(initial: V | (() => V), options: ActionOptions = {}): SheetForm<V> {
  const [values, setValues] = useState<V>(initial);
  const action = useAction(options);
  const { clear } = action;
  const set = useCallback(
    <K extends keyof V & string>(name: K, value: V[K]) => {
      setValues((old) => ({ ...old, [name]: value }));
      clear(name);
    },
    [clear],
  );
  const err = (name: string) => action.fields[name] || undefined;
  return {
    ...action,
    values,
    set,
    text: (name) => ({
      value: values[name] as string,
      onInput: (value) => set(name, value as V[typeof name]),
      error: err(name),
    }),
    err,
  };
}

/** The problems that are there (a `{ a: cond ? msg : undefined }` literal reads best). */
function present(problems: Readonly<Record<string, string | undefined>>): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, message] of Object.entries(problems)) if (message) out[name] = message;
  return out;
}

export function FormSheet({
  form,
  title,
  confirmText,
  danger,
  check,
  submit,
  onCancel,
  children,
}: {
  form: Pick<Action, 'busy' | 'error' | 'check' | 'run'>;
  title: string;
  confirmText: string;
  danger?: boolean | undefined;
  /** The problems found before anything is sent, by field (none: the form is sent). */
  check?: () => Readonly<Record<string, string | undefined>>;
  /** Sends the form (closing the sheet is up to it). */
  submit: () => Promise<unknown>;
  onCancel: () => void;
  children: ReactNode;
}) {
  const confirm = () => {
    if (check && !form.check(present(check()))) return;
    void form.run(submit);
  };
  return (
    <Sheet
      title={title}
      confirmText={confirmText}
      danger={danger}
      busy={form.busy}
      error={form.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      {children}
    </Sheet>
  );
}
