/**
 * Where a person hands in a QR code (签到, 签退) in WeChat: the camera scanner (`Taro.scanCode`,
 * camera only so a saved picture of a code cannot be used). code-box.h5.tsx replaces this in
 * the local build, where there is no camera. `children` show the outcome.
 */
import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BusyButton } from './busy-button';

export interface CodeBoxProps {
  /** The BEM block of the calling feature's styles (`checkin-box`, `vol-attend`). */
  block: string;
  /** The act: `签到` (the h5 button; its code is the 签到码). */
  act: string;
  /** The WeChat button's text (`扫码签到`). */
  scanText: string;
  buttonClass: string;
  /** The typed code's placeholder (h5). */
  placeholder: string;
  testIds: { scan?: string; input: string; submit: string };
  /** Empty the typed code after a success (h5). */
  clearOnDone?: boolean;
  busy: boolean;
  /** Sends the code; resolves true when it was accepted. */
  onCode: (code: string) => Promise<boolean>;
  children?: ReactNode;
}

export function CodeBox({ block, scanText, buttonClass, testIds, busy, onCode, children }: CodeBoxProps) {
  const scan = async () => {
    let text: string;
    try {
      text = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch {
      return; // closed the scanner
    }
    await onCode(text);
  };
  return (
    <View className={block}>
      <BusyButton className={buttonClass} busy={busy} onTap={() => void scan()} testId={testIds.scan}>
        {scanText}
      </BusyButton>
      {children}
    </View>
  );
}
