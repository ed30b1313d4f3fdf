/**
 * The frame of one form field around a control that is not a text input (stars, a date picker,
 * a read-only value): its label above, and its message underneath when it has one.
 */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './form-field.scss';

export function FieldFrame({
  label,
  error,
  children,
}: {
  label: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <View className={`form-field ${error ? 'has-error' : ''}`}>
      <Text className='form-field__label'>{label}</Text>
      {children}
      {error ? (
        <View className='form-field__error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  );
}
