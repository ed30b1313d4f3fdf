/**
 * 签到 / 签退 in the browser (local mode): no camera, so the code's text is typed or pasted
 * into a box (the organiser's screen shows it under the QR). Taro uses this file instead of
 * attendance-box.tsx in the h5 build.
 */
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { AttendanceResult } from '~types/volunteer';
import { OutcomeView, useAttendance } from './attendance-result';

export function AttendanceBox({
  activityId,
  direction,
  onDone,
}: {
  activityId: string;
  direction: 'in' | 'out';
  onDone?: (result: AttendanceResult) => void;
}) {
  const { busy, outcome, submit } = useAttendance(activityId, (r) => {
    setCode('');
    onDone?.(r);
  });
  const [code, setCode] = useState('');
  const verb = direction === 'in' ? '签到' : '签退';
  return (
    <View className='vol-attend'>
      <Text className='vol-attend__label'>输入{verb}码</Text>
      <Text className='vol-attend__hint'>本地模式没有摄像头：请输入组织者屏幕上二维码下方的{verb}码</Text>
      <Input
        className='vol-attend__input'
        value={code}
        placeholder='HSLL1.activity-….'
        maxlength={300}
        onInput={(e) => setCode(e.detail.value)}
        data-testid='vol-code-input'
      />
      <Button
        className='btn btn--primary vol-attend__button'
        loading={busy || undefined}
        disabled={busy || code.trim().length === 0 || undefined}
        onClick={() => void submit(code)}
        data-testid='vol-code-submit'
      >
        {verb}
      </Button>
      {/* Successes are shown by the screen (it knows the new state); refusals here. */}
      <OutcomeView outcome={outcome && !outcome.ok ? outcome : null} />
    </View>
  );
}
