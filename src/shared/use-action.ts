/**
 * The one way a form calls an action: `run(() => call(...))` shows busy while it runs, puts the
 * server's Chinese message above the buttons (`error`) and its field messages under the fields
 * (`fields`, a path such as `photos.0` under its field `photos`), and `clear(name)` drops a field's message once that field is edited. `check`
 * shows local problems the same way before anything is sent. A second tap while a call is in
 * flight is ignored, and a reply that arrives after the form is gone changes nothing.
 *
 * A refusal that means the thing moved on under the form (`isStale`: CONFLICT,
 * PRECONDITION_FAILED, NOT_FOUND) is handed to `onStale` instead, when one is given, so the
 * screen can reload; `conflictFields` names the fields a CONFLICT concerns (e.g. a duplicate
 * name) when the server gives none.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '@/services/cloud';
import { AppError } from '~types/errors';

export type FieldErrors = Record<string, string>;

/** A refusal that means the thing is no longer what the screen shows. */
export function isStale(e: unknown): e is AppError {
  return e instanceof AppError && (e.code === 'CONFLICT' || e.code === 'PRECONDITION_FAILED' || e.code === 'NOT_FOUND');
}

export interface ActionOptions {
  /** Called after the work succeeded (e.g. to close the sheet and reload). */
  onDone?: () => void;
  /** Called instead of showing the message when the refusal is `isStale`. */
  onStale?: (e: AppError) => void;
  /** The fields a CONFLICT without field messages concerns. */
  conflictFields?: (e: AppError) => FieldErrors;
  /** The message above the buttons before anything is sent (e.g. a list that did not load). */
  initialError?: string | null;
}

/** What a failed call shows: nothing (handed to onStale) or a message and field messages. */
export type Failure =
  { kind: 'stale'; error: AppError } | { kind: 'shown'; message: string; fields: FieldErrors | null };

/** How a thrown value is shown by a form (pure; `useAction` applies it). */
export function describeFailure(e: unknown, options: ActionOptions = {}): Failure {
  if (options.onStale && isStale(e)) return { kind: 'stale', error: e };
  let fields: FieldErrors | null = null;
  if (e instanceof AppError && e.fields) fields = byField(e.fields);
  else if (e instanceof AppError && e.code === 'CONFLICT' && options.conflictFields) fields = options.conflictFields(e);
  return { kind: 'shown', message: errorMessage(e), fields };
}

/** Server field paths by the form field they belong to: `photos.0` is shown under `photos`. */
export function byField(fields: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) out[path.split('.')[0]!] = message;
  return out;
}

/** `errors` without `key` (the same object when it has no such key). */
export function withoutField(errors: FieldErrors, key: string): FieldErrors {
  if (!(key in errors)) return errors;
  const next = { ...errors };
  delete next[key];
  return next;
}

export interface Action {
  busy: boolean;
  /** The message above the buttons. */
  error: string | null;
  /** The message under each field, by field name. */
  fields: FieldErrors;
  /** Runs `work`; resolves true when it succeeded, false when it failed or was a second tap. */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
  /** Shows local problems under the fields; true when there are none. */
  check: (problems: FieldErrors) => boolean;
  /** Drops the message of one field (call it when the field changes). */
  clear: (name: string) => void;
  /** Replaces the message above the buttons. */
  setError: (message: string | null) => void;
}

export function useAction(options: ActionOptions = {}): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(options.initialError ?? null);
  const [fields, setFields] = useState<FieldErrors>({});
  const running = useRef(false);
  const mounted = useRef(true);
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (work: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await work();
      latest.current.onDone?.();
      return true;
    } catch (e) {
      if (!mounted.current) return false;
      const failure = describeFailure(e, latest.current);
      if (failure.kind === 'stale') latest.current.onStale?.(failure.error);
      else {
        if (failure.fields) setFields(failure.fields);
        setError(failure.message);
      }
      return false;
    } finally {
      running.current = false;
      if (mounted.current) setBusy(false);
    }
  }, []);

  const check = useCallback((problems: FieldErrors) => {
    setFields(problems);
    setError(null);
    return Object.keys(problems).length === 0;
  }, []);

  const clear = useCallback((name: string) => setFields((old) => withoutField(old, name)), []);

  return { busy, error, fields, run, check, clear, setError };
}

export interface PressOptions<K> {
  /** Which button is pressed, when one hook serves several (shown by `pressing`). */
  key?: K;
  /** Asked first (e.g. `() => confirmModal(...)` before an irreversible act); nothing runs unless it resolves true. */
  confirm?: () => Promise<boolean>;
  /**
   * Shows a failure the way the screen does (a modal, a toast, a line under the button); busy
   * lasts until it resolves. Without it `press` rejects with the failure (for work that shows its
   * own failures, such as the exports).
   */
  onError?: (e: unknown) => unknown;
}

export interface ButtonAction<K> {
  /** True while a press runs. */
  busy: boolean;
  /** The key of the press that runs (null when none, or when it was pressed without a key). */
  pressing: K | null;
  /**
   * Runs `work` for a button: asks `confirm` first, shows busy while it runs and hands a failure
   * to `onError`; resolves true when it succeeded, false when it was declined, failed (and was
   * shown) or was a second tap while another press runs.
   */
  press: (work: () => Promise<unknown>, options?: PressOptions<K>) => Promise<boolean>;
}

/**
 * The action kit for a button without fields (withdraw, sign up, close a quarter, export): the
 * same busy and second-tap rules as `useAction`, a confirmation before the act, and the failure
 * shown where the screen shows it. A reply after the screen is gone changes no state, but its
 * `onError` still runs (a modal outlives the screen).
 */
export function useButtonAction<K = never>(): ButtonAction<K> {
  const [pressing, setPressing] = useState<{ key: K | null } | null>(null);
  const running = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const press = useCallback(async (work: () => Promise<unknown>, options: PressOptions<K> = {}) => {
    if (running.current) return false;
    // The confirmation is a modal that blocks the screen, so nothing is held while it is open.
    if (options.confirm && !(await options.confirm())) return false;
    if (running.current) return false;
    running.current = true;
    if (mounted.current) setPressing({ key: options.key ?? null });
    try {
      await work();
      return true;
    } catch (e) {
      if (!options.onError) throw e;
      await options.onError(e);
      return false;
    } finally {
      running.current = false;
      if (mounted.current) setPressing(null);
    }
  }, []);

  return { busy: pressing !== null, pressing: pressing?.key ?? null, press };
}
