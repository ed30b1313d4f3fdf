/**
 * Where a person hands in a QR code in the browser (local mode): no camera, so the code's text
 * is typed or pasted into a box (the organiser's screen shows it under the QR). Taro uses this
 * file instead of code-box.tsx in the h5 build.
 */
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { CodeBoxProps } from './code-box';
import { BusyButton } from './busy-button';

export function CodeBox({
  block,
  act,
  buttonClass,
  placeholder,
  testIds,
  clearOnDone,
  busy,
  onCode,
  children,
}: CodeBoxProps) {
  const [code, setCode] = useState('');
  const send = async () => {
    if ((await onCode(code)) && clearOnDone) setCode('');
  };
  return (
    <View className={block}>
      <Text className={`${block}__label`}>输入{act}码</Text>
      <Text className={`${block}__hint`}>本地模式没有摄像头：请输入组织者屏幕上二维码下方的{act}码</Text>
      <Input
        className={`${block}__input`}
        value={code}
        placeholder={placeholder}
        maxlength={300}
        onInput={(e) => setCode(e.detail.value)}
        data-testid={testIds.input}
      />
      <BusyButton
        className={buttonClass}
        busy={busy}
        disabled={code.trim().length === 0}
        onTap={() => void send()}
        testId={testIds.submit}
      >
        {act}
      </BusyButton>
      {children}
    </View>
  );
}
