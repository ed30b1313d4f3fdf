/**
 * A bottom sheet for small forms (a rejection reason, an edit form): a dimmed backdrop, a
 * title, the content, and a cancel / confirm pair. `error` shows a server refusal in place.
 */
import type { ReactNode } from 'react';
import { Button, ScrollView, Text, View } from '@tarojs/components';
import './sheet.scss';
import { BusyButton, FormError } from './busy-button';

interface SheetProps {
  title: string;
  children: ReactNode;
  confirmText?: string;
  busy?: boolean;
  error?: string | null;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function Sheet({ title, children, confirmText = '确定', busy, error, danger, onConfirm, onCancel }: SheetProps) {
  return (
    <View className='sheet' role='dialog' aria-label={title}>
      <View className='sheet__backdrop' onClick={busy ? undefined : onCancel} />
      <View className='sheet__panel'>
        <Text className='sheet__title'>{title}</Text>
        <ScrollView scrollY className='sheet__body'>
          {children}
          <FormError className='sheet__error' message={error} />
        </ScrollView>
        <View className='sheet__actions'>
          <Button className='btn btn--ghost sheet__button' disabled={busy || undefined} onClick={onCancel}>
            取消
          </Button>
          {/* A new button for a new label: a label changed under the loading spinner (the household
              import's steps) broke the spinner's insertion in H5 (NotFoundError: insertBefore). */}
          <BusyButton
            key={confirmText}
            className={`btn ${danger ? 'btn--danger' : 'btn--primary'} sheet__button`}
            busy={busy}
            onTap={onConfirm}
          >
            {confirmText}
          </BusyButton>
        </View>
      </View>
    </View>
  );
}
