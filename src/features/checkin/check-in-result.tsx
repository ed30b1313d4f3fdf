/**
 * Sending a scanned (or typed) code to checkin.checkIn and showing the answer: 已签到，+N 积分,
 * a repeat that counts once, or the server's Chinese refusal (expired, forged, another event,
 * outside the window). Used by both check-in-box variants.
 */
import { Text } from '@tarojs/components';
import { call } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { OutcomeCard } from '@/shared/ui/outcome-card';
import { useCodeSubmit, type Outcome as CodeOutcome } from '@/shared/use-code-submit';
import type { CheckInResult } from '~types/checkin';

export type Outcome = CodeOutcome<CheckInResult>;

export function useCheckIn(eventId: string | undefined, onCheckedIn?: (result: CheckInResult) => void) {
  return useCodeSubmit((code) => call('checkin', 'checkIn', { code, ...(eventId ? { eventId } : {}) }), onCheckedIn);
}

export function OutcomeView({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  if (!outcome.ok) {
    return (
      <OutcomeCard block='checkin-outcome' ok={false} title='签到未成功' testId='checkin-outcome'>
        <Text className='checkin-outcome__text'>{outcome.message}</Text>
      </OutcomeCard>
    );
  }
  const { result } = outcome;
  return (
    <OutcomeCard
      block='checkin-outcome'
      ok
      title={
        result.alreadyCheckedIn
          ? '您已签到，无需重复签到'
          : result.pointsAwarded > 0
            ? `已签到，+${result.pointsAwarded} 积分`
            : '已签到'
      }
      testId='checkin-outcome'
    >
      <Text className='checkin-outcome__text'>
        {result.eventTitle} · {formatShanghai(result.checkedInAt)}
      </Text>
    </OutcomeCard>
  );
}
