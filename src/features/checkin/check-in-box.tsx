/**
 * 扫码签到: the shared code box (the camera scanner in WeChat, a typed code in the local
 * build), then checkin.checkIn, with its outcome underneath.
 */
import { CodeBox } from '@/shared/ui/code-box';
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
  return (
    <CodeBox
      block='checkin-box'
      act='签到'
      scanText='扫码签到'
      buttonClass='btn btn--primary btn--block checkin-box__scan'
      placeholder='HSLL1.event.…'
      testIds={{ input: 'checkin-code-input', submit: 'checkin-submit' }}
      busy={busy}
      onCode={submit}
    >
      <OutcomeView outcome={outcome} />
    </CodeBox>
  );
}
