/**
 * Sending a scanned (or typed) code to checkin.checkIn and showing the answer: 已签到，+N 积分,
 * a repeat that counts once, or the server's Chinese refusal (expired, forged, another event,
 * outside the window). Used by both check-in-box variants.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call, errorMessage } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { useButtonAction } from '@/shared/use-action';
import type { CheckInResult } from '~types/checkin';

export type Outcome = { ok: true; result: CheckInResult } | { ok: false; message: string };

export function useCheckIn(eventId: string | undefined, onCheckedIn?: (result: CheckInResult) => void) {
  const { busy, press } = useButtonAction();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const submit = (code: string) =>
    press(
      async () => {
        setOutcome(null);
        const result = await call('checkin', 'checkIn', { code: code.trim(), ...(eventId ? { eventId } : {}) });
        setOutcome({ ok: true, result });
        onCheckedIn?.(result);
      },
      { onError: (e) => setOutcome({ ok: false, message: errorMessage(e) }) },
    );
  return { busy, outcome, submit };
}

export function OutcomeView({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  if (!outcome.ok) {
    return (
      <View className='checkin-outcome checkin-outcome--refused' role='alert' data-testid='checkin-outcome'>
        <Text className='checkin-outcome__title'>签到未成功</Text>
        <Text className='checkin-outcome__text'>{outcome.message}</Text>
      </View>
    );
  }
  const { result } = outcome;
  return (
    <View className='checkin-outcome checkin-outcome--ok' role='status' data-testid='checkin-outcome'>
      <Text className='checkin-outcome__title'>
        {result.alreadyCheckedIn
          ? '您已签到，无需重复签到'
          : result.pointsAwarded > 0
            ? `已签到，+${result.pointsAwarded} 积分`
            : '已签到'}
      </Text>
      <Text className='checkin-outcome__text'>
        {result.eventTitle} · {formatShanghai(result.checkedInAt)}
      </Text>
    </View>
  );
}
