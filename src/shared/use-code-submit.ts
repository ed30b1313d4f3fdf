/**
 * Sending a scanned (or typed) QR code to the server and keeping the answer to show: the
 * result, or the server's Chinese refusal (expired, forged, another event, outside the
 * window). Busy and double taps follow the button action kit.
 */
import { useState } from 'react';
import { errorMessage } from '@/services/cloud';
import { useButtonAction } from './use-action';

export type Outcome<R> = { ok: true; result: R } | { ok: false; message: string };

export function useCodeSubmit<R>(send: (code: string) => Promise<R>, onDone?: (result: R) => void) {
  const { busy, press } = useButtonAction();
  const [outcome, setOutcome] = useState<Outcome<R> | null>(null);
  const submit = (code: string) =>
    press(
      async () => {
        setOutcome(null);
        const result = await send(code.trim());
        setOutcome({ ok: true, result });
        onDone?.(result);
      },
      { onError: (e) => setOutcome({ ok: false, message: errorMessage(e) }) },
    );
  return { busy, outcome, submit };
}
