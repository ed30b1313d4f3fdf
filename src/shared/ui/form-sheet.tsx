/**
 * A small form in a bottom sheet (its values and action from `useForm`): the confirm button
 * checks the values locally (`check`, nothing is sent while it finds a problem) and then runs
 * `submit`, busy meanwhile and showing a refusal in place (or handing a stale one to the
 * `onStale` given to `useForm`).
 */
import type { ReactNode } from 'react';
import type { Action, FieldErrors } from '@/shared/use-action';
import { Sheet } from './sheet';

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
