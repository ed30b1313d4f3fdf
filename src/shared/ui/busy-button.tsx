/**
 * The two pieces every form and sheet repeats: the button of an action that takes a moment
 * (a spinner and no second tap while it runs) and the form's error line (read out by screen
 * readers, shown only when there is one).
 */
import { Button, View } from '@tarojs/components';
import type { ReactNode } from 'react';

export function BusyButton({
  busy = false,
  disabled,
  onTap,
  className,
  testId,
  children,
}: {
  busy?: boolean | undefined;
  /** Disabled for another reason too (e.g. photos still uploading). */
  disabled?: boolean;
  onTap: () => void;
  className: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Button
      className={className}
      loading={busy || undefined}
      disabled={busy || disabled || undefined}
      onClick={onTap}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}

/** The form's error, when there is one. */
export function FormError({ className, message }: { className: string; message: ReactNode }) {
  return message ? (
    <View className={className} role='alert'>
      {message}
    </View>
  ) : null;
}
