/**
 * A form's values with its action (the action kit, `useAction`): `set(name, value)` changes a
 * value and drops that field's message, `text(name)` binds a text `FormField` (value, input,
 * message) and `err(name)` reads a field's message.
 */
import { useCallback, useState } from 'react';
import { useAction, type Action, type ActionOptions } from './use-action';

type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

export interface Form<V> extends Action {
  values: V;
  /** Sets one value and drops that field's message. */
  set: <K extends keyof V & string>(name: K, value: V[K]) => void;
  /** A text field's value, input handler and message, to spread into a `FormField`. */
  text: (name: TextKeys<V>) => { value: string; onInput: (value: string) => void; error: string | undefined };
  /** The message under a field, if any. */
  err: (name: string) => string | undefined;
}

export function useForm<V extends object>(initial: V | (() => V), options: ActionOptions = {}): Form<V> {
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
