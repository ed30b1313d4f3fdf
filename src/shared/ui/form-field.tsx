/**
 * A labelled text input with its error underneath (from `AppError.fields` or local checks),
 * and a row of choice chips (large tap targets instead of small native pickers). `Field` is the
 * frame all of them share (label, control, message), for any other control.
 *
 * A text field's fixed part (label, placeholder, limits, test id) is data, `TextFieldSpec`: a
 * form lists its fields in one table and renders each as
 * `<FormField {...FIELDS.note} {...form.text('note')} />`.
 */
import type { ReactNode } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import './form-field.scss';
import { FormError } from './busy-button';

/** A form field's frame: its label, the control, and its message underneath. */
export function Field({
  label,
  error,
  children,
}: {
  label?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <View className={`form-field ${error ? 'has-error' : ''}`}>
      {label ? <Text className='form-field__label'>{label}</Text> : null}
      {children}
      <FormError className='form-field__error' message={error} />
    </View>
  );
}

/** What a text field shows that does not change: a form's fields are a table of these. */
export interface TextFieldSpec {
  label: string;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
  /** Most characters (140 for a line, 200 for a text area). */
  maxlength?: number;
  multiline?: boolean;
  testId?: string;
}

interface FieldProps extends TextFieldSpec {
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
}

export function FormField({
  label,
  value,
  onInput,
  error,
  placeholder,
  type = 'text',
  maxlength,
  multiline,
  testId,
}: FieldProps) {
  return (
    <Field label={label} error={error}>
      {multiline ? (
        <Textarea
          className='form-field__input form-field__textarea'
          value={value}
          placeholder={placeholder}
          maxlength={maxlength ?? 200}
          onInput={(e) => onInput(e.detail.value)}
          data-testid={testId}
        />
      ) : (
        <Input
          className='form-field__input'
          value={value}
          type={type}
          placeholder={placeholder}
          maxlength={maxlength ?? 140}
          onInput={(e) => onInput(e.detail.value)}
          data-testid={testId}
        />
      )}
    </Field>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

interface ChipsProps<V extends string> {
  label?: string;
  choices: readonly Choice<V>[];
  error?: string | undefined;
}

/** The chips of one field: `role` radio (one) or checkbox (several); `on` says which are chosen. */
function Chips<V extends string>({
  label,
  choices,
  error,
  role,
  on,
  onTap,
}: ChipsProps<V> & { role: 'radio' | 'checkbox'; on: (v: V) => boolean; onTap: (v: V) => void }) {
  return (
    <Field label={label} error={error}>
      <View className='chips'>
        {choices.map((c) => (
          <View
            key={c.value}
            className={`chips__item ${on(c.value) ? 'is-active' : ''}`}
            role={role}
            aria-checked={on(c.value)}
            onClick={() => onTap(c.value)}
          >
            <Text className='chips__label'>{c.label}</Text>
            {c.hint ? <Text className='chips__hint'>{c.hint}</Text> : null}
          </View>
        ))}
      </View>
    </Field>
  );
}

/** Chips where one is chosen. */
export function ChoiceChips<V extends string>({
  value,
  onChange,
  ...rest
}: ChipsProps<V> & { value: V | null | undefined; onChange: (value: V) => void }) {
  return <Chips {...rest} role='radio' on={(v) => v === value} onTap={onChange} />;
}

/** Chips where several may be chosen (e.g. service intentions). */
export function MultiChips<V extends string>({
  value,
  onChange,
  ...rest
}: ChipsProps<V> & { value: readonly V[]; onChange: (value: V[]) => void }) {
  const toggle = (v: V) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);
  return <Chips {...rest} role='checkbox' on={(v) => value.includes(v)} onTap={toggle} />;
}
