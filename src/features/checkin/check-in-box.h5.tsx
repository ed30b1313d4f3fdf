/**
 * 签到 in the browser (local mode): no camera, so the code's text is typed or pasted into a
 * box (the organiser's screen shows it under the QR). Taro uses this file instead of
 * check-in-box.tsx in the h5 build.
 */
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { CheckInResult } from '~types/checkin';
import { OutcomeView, useCheckIn } from './check-in-result';

export function CheckInBox({
  eventId,
  onCheckedIn,
}: {
  eventId?: string;
  onCheckedIn?: (result: CheckInResult) => void;
}) {
  const { busy, outcome, submit } = useCheckIn(eventId, onCheckedIn);
  const [code, setCode] = useState('');
  return (
    <View className='checkin-box'>
      <Text className='checkin-box__label'>输入签到码</Text>
      <Text className='checkin-box__hint'>本地模式没有摄像头：请输入组织者屏幕上二维码下方的签到码</Text>
      <Input
        className='checkin-box__input'
        value={code}
        placeholder='HSLL1.event.…'
        maxlength={300}
        onInput={(e) => setCode(e.detail.value)}
        data-testid='checkin-code-input'
      />
      <Button
        className='btn btn--primary btn--block checkin-box__scan'
        loading={busy || undefined}
        disabled={busy || code.trim().length === 0 || undefined}
        onClick={() => void submit(code)}
        data-testid='checkin-submit'
      >
        签到
      </Button>
      <OutcomeView outcome={outcome} />
    </View>
  );
}
