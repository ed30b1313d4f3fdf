/**
 * 输入数字签到码 on an event's page: the shared number pad (src/shared/ui/spoken-code.tsx), sent
 * to checkin.checkIn with the event's id; the outcome (or the server's reason: wrong, expired,
 * too many attempts and when to retry) shows underneath. The digits are emptied after a check-in.
 */
import { useState } from 'react';
import type { CheckInResult } from '~types/checkin';
import { SpokenCodePad } from '@/shared/ui/spoken-code';
import { OutcomeView, useCheckIn } from './check-in-result';

export function SpokenCodeBox({
  eventId,
  onCheckedIn,
}: {
  eventId: string;
  onCheckedIn?: (result: CheckInResult) => void;
}) {
  const [done, setDone] = useState(0);
  const { busy, outcome, submit } = useCheckIn(eventId, (result) => {
    setDone((n) => n + 1);
    onCheckedIn?.(result);
  });
  return (
    <SpokenCodePad act='签到' busy={busy} clearKey={done} onSubmit={(digits) => void submit(digits)}>
      <OutcomeView outcome={outcome} />
    </SpokenCodePad>
  );
}
