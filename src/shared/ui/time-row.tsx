/** A Shanghai wall-clock date and time, picked with the native date and time pickers. */
import { Picker, Text, View } from '@tarojs/components';
import type { WallTime } from '../wall-time';
import { Field } from './form-field';
import './time-row.scss';

export function TimeRow({
  label,
  value,
  onChange,
  error,
  hint,
  testId,
}: {
  label: string;
  value: WallTime;
  onChange: (v: WallTime) => void;
  error?: string | undefined;
  hint?: string;
  testId: string;
}) {
  return (
    <Field label={label} error={error}>
      <View className='time-row'>
        <Picker mode='date' value={value.date} onChange={(e) => onChange({ ...value, date: String(e.detail.value) })}>
          <View className='form-field__input time-row__date' data-testid={`${testId}-date`}>
            {value.date}
          </View>
        </Picker>
        <Picker mode='time' value={value.time} onChange={(e) => onChange({ ...value, time: String(e.detail.value) })}>
          <View className='form-field__input time-row__time' data-testid={`${testId}-time`}>
            {value.time}
          </View>
        </Picker>
      </View>
      {hint ? <Text className='form-field__hint'>{hint}</Text> : null}
    </Field>
  );
}
