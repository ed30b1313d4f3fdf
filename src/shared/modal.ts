/**
 * The app's two modals: a confirmation before an irreversible act (the confirm button in the
 * party red) and a notice with one button (a refusal, a result to read).
 */
import Taro from '@tarojs/taro';

export interface ConfirmText {
  title: string;
  content: string;
  confirmText: string;
  /** The cancel button's text (the platform's 取消 when absent). */
  cancelText?: string;
}

/** Resolves true when the person confirmed. */
export async function confirmModal({ title, content, confirmText, cancelText }: ConfirmText): Promise<boolean> {
  const answer = await Taro.showModal({
    title,
    content,
    confirmText,
    confirmColor: '#c8102e',
    ...(cancelText ? { cancelText } : {}),
  });
  return answer.confirm;
}

/** A notice with one button (the platform's 确定 unless `confirmText` is given). */
export function alertModal(title: string, content: string, confirmText?: string): void {
  void Taro.showModal({ title, content, showCancel: false, ...(confirmText ? { confirmText } : {}) });
}
