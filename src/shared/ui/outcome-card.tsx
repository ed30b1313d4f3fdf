/**
 * The answer to an act, shown in place: accepted (`role=status`) or refused (`role=alert`), a
 * title and its lines. `block` is the BEM block of the calling feature's styles.
 */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

export function OutcomeCard({
  block,
  ok,
  title,
  testId,
  children,
}: {
  block: string;
  ok: boolean;
  title: string;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <View className={`${block} ${block}--${ok ? 'ok' : 'refused'}`} role={ok ? 'status' : 'alert'} data-testid={testId}>
      <Text className={`${block}__title`}>{title}</Text>
      {children}
    </View>
  );
}
