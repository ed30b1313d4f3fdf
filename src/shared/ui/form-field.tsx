/**
 * A labelled text input with its error underneath (from `AppError.fields` or local checks),
 * and a row of choice chips (large tap targets instead of small native pickers).
 */
import { Input, Text, Textarea, View } from '@tarojs/components';
import './form-field.scss';

interface FieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
  maxlength?: number;
  multiline?: boolean;
  testId?: string;
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
    <View className={`form-field ${error ? 'has-error' : ''}`}>
      <Text className='form-field__label'>{label}</Text>
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
      {error ? (
        <View className='form-field__error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

export function ChoiceChips<V extends string>({
  label,
  choices,
  value,
  onChange,
  error,
}: {
  label?: string;
  choices: readonly Choice<V>[];
  value: V | null | undefined;
  onChange: (value: V) => void;
  error?: string | undefined;
}) {
  return (
    <View className={`form-field ${error ? 'has-error' : ''}`}>
      {label ? <Text className='form-field__label'>{label}</Text> : null}
      <View className='chips'>
        {choices.map((c) => (
          <View
            key={c.value}
            className={`chips__item ${c.value === value ? 'is-active' : ''}`}
            role='radio'
            aria-checked={c.value === value}
            onClick={() => onChange(c.value)}
          >
            <Text className='chips__label'>{c.label}</Text>
            {c.hint ? <Text className='chips__hint'>{c.hint}</Text> : null}
          </View>
        ))}
      </View>
      {error ? (
        <View className='form-field__error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  );
}

/** Chips where several may be chosen (e.g. service intentions). */
export function MultiChips<V extends string>({
  label,
  choices,
  value,
  onChange,
  error,
}: {
  label?: string;
  choices: readonly Choice<V>[];
  value: readonly V[];
  onChange: (value: V[]) => void;
  error?: string | undefined;
}) {
  const toggle = (v: V) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);
  return (
    <View className={`form-field ${error ? 'has-error' : ''}`}>
      {label ? <Text className='form-field__label'>{label}</Text> : null}
      <View className='chips'>
        {choices.map((c) => (
          <View
            key={c.value}
            className={`chips__item ${value.includes(c.value) ? 'is-active' : ''}`}
            role='checkbox'
            aria-checked={value.includes(c.value)}
            onClick={() => toggle(c.value)}
          >
            <Text className='chips__label'>{c.label}</Text>
            {c.hint ? <Text className='chips__hint'>{c.hint}</Text> : null}
          </View>
        ))}
      </View>
      {error ? (
        <View className='form-field__error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  );
}
