/**
 * 扫码签到 / 扫码签退: the shared code box (the camera scanner in WeChat, a typed code in the
 * local build) and, for anyone who cannot scan, the 6-digit spoken code the organiser reads aloud
 * typed on the shared number pad (ADR 0037); either goes to volunteer.scan
 * with this activity's id. A refusal shows under the way it came from (successes are shown by
 * the screen, which knows the new state).
 */
import { useState } from 'react';
import { CodeBox } from '@/shared/ui/code-box';
import { SpokenCodePad } from '@/shared/ui/spoken-code';
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
  const [from, setFrom] = useState<'qr' | 'pad'>('qr');
  const act = direction === 'in' ? '签到' : '签退';
  const refusal = outcome && !outcome.ok ? outcome : null;
  return (
    <>
      <CodeBox
        block='vol-attend'
        act={act}
        scanText={`扫码${act}`}
        buttonClass='btn btn--primary vol-attend__button'
        placeholder='HSLL1.activity-….'
        testIds={{ scan: 'vol-scan', input: 'vol-code-input', submit: 'vol-code-submit' }}
        clearOnDone
        busy={busy}
        onCode={(code) => {
          setFrom('qr');
          return submit(code);
        }}
      >
        <OutcomeView outcome={from === 'qr' ? refusal : null} />
      </CodeBox>
      <SpokenCodePad
        act={act}
        busy={busy}
        onSubmit={(digits) => {
          setFrom('pad');
          void submit(digits);
        }}
      >
        <OutcomeView outcome={from === 'pad' ? refusal : null} />
      </SpokenCodePad>
    </>
  );
}
