/**
 * Sending a scanned (or typed) activity code to volunteer.scan and showing the answer: 签到成功,
 * or after check-out the service hours and points; otherwise the server's Chinese refusal
 * (expired, forged, another activity, outside the window, not checked in). Used by both
 * attendance-box variants.
 */
import { Text } from '@tarojs/components';
import { call } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { OutcomeCard } from '@/shared/ui/outcome-card';
import { useCodeSubmit, type Outcome as CodeOutcome } from '@/shared/use-code-submit';
import type { AttendanceResult } from '~types/volunteer';
import { formatHours } from './wall-time';

export type Outcome = CodeOutcome<AttendanceResult>;

export function useAttendance(activityId: string, onDone?: (result: AttendanceResult) => void) {
  return useCodeSubmit((code) => call('volunteer', 'scan', { code, activityId }), onDone);
}

export function OutcomeView({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  if (!outcome.ok) {
    return (
      <OutcomeCard block='vol-outcome' ok={false} title='未成功' testId='vol-outcome'>
        <Text className='vol-outcome__text'>{outcome.message}</Text>
      </OutcomeCard>
    );
  }
  const { result } = outcome;
  if (result.state === 'completed') {
    return (
      <OutcomeCard block='vol-outcome' ok title='签退成功' testId='vol-outcome'>
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
      </OutcomeCard>
    );
  }
  return (
    <OutcomeCard block='vol-outcome' ok title='签到成功' testId='vol-outcome'>
      <Text className='vol-outcome__text'>签到时间 {formatShanghai(result.checkedInAt)}，活动结束时请扫签退码</Text>
    </OutcomeCard>
  );
}
