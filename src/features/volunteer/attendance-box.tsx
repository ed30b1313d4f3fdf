/**
 * 扫码签到 / 扫码签退: the shared code box (the camera scanner in WeChat, a typed code in the
 * local build), then volunteer.scan; a refusal shows underneath (successes are shown by the
 * screen, which knows the new state).
 */
import { CodeBox } from '@/shared/ui/code-box';
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
  const { busy, outcome, submit } = useAttendance(activityId, onDone);
  const act = direction === 'in' ? '签到' : '签退';
  return (
    <CodeBox
      block='vol-attend'
      act={act}
      scanText={`扫码${act}`}
      buttonClass='btn btn--primary vol-attend__button'
      placeholder='HSLL1.activity-….'
      testIds={{ scan: 'vol-scan', input: 'vol-code-input', submit: 'vol-code-submit' }}
      clearOnDone
      busy={busy}
      onCode={submit}
    >
      <OutcomeView outcome={outcome && !outcome.ok ? outcome : null} />
    </CodeBox>
  );
}
