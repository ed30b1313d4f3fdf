/**
 * Sending a scanned (or typed) activity code to volunteer.scan and showing the answer: 签到成功,
 * or after check-out the service hours and points; otherwise the server's Chinese refusal
 * (expired, forged, another activity, outside the window, not checked in). Used by both
 * attendance-box variants.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call, errorMessage } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { useButtonAction } from '@/shared/use-action';
import type { AttendanceResult } from '~types/volunteer';
import { formatHours } from './wall-time';

export type Outcome = { ok: true; result: AttendanceResult } | { ok: false; message: string };

export function useAttendance(activityId: string, onDone?: (result: AttendanceResult) => void) {
  const { busy, press } = useButtonAction();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const submit = (code: string) =>
    press(
      async () => {
        setOutcome(null);
        const result = await call('volunteer', 'scan', { code: code.trim(), activityId });
        setOutcome({ ok: true, result });
        onDone?.(result);
      },
      { onError: (e) => setOutcome({ ok: false, message: errorMessage(e) }) },
    );
  return { busy, outcome, submit };
}

export function OutcomeView({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  if (!outcome.ok) {
    return (
      <View className='vol-outcome vol-outcome--refused' role='alert' data-testid='vol-outcome'>
        <Text className='vol-outcome__title'>未成功</Text>
        <Text className='vol-outcome__text'>{outcome.message}</Text>
      </View>
    );
  }
  const { result } = outcome;
  if (result.state === 'completed') {
    return (
      <View className='vol-outcome vol-outcome--ok' role='status' data-testid='vol-outcome'>
        <Text className='vol-outcome__title'>签退成功</Text>
        <Text className='vol-outcome__text'>
          服务时长 {formatHours(result.hours)} 小时
          {result.pointsAwarded > 0 ? `，+${result.pointsAwarded} 积分` : ''}
        </Text>
        {result.hours === 0 ? (
          <Text className='vol-outcome__text'>时长按签到签退与活动时间重叠的部分计算，不满一刻钟不计</Text>
        ) : null}
        <Text className='vol-outcome__text'>
          签到 {formatShanghai(result.checkedInAt)} · 签退 {formatShanghai(result.checkedOutAt)}
        </Text>
      </View>
    );
  }
  return (
    <View className='vol-outcome vol-outcome--ok' role='status' data-testid='vol-outcome'>
      <Text className='vol-outcome__title'>签到成功</Text>
      <Text className='vol-outcome__text'>签到时间 {formatShanghai(result.checkedInAt)}，活动结束时请扫签退码</Text>
    </View>
  );
}
