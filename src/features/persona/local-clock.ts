/**
 * The local demo's clock (`GET|POST /api/local/clock`, docs/adr/0027): what time it is on the
 * local server, and moving it forward so a step's period (意见收集, 投票, 公示, 评估) can pass in
 * a demo. Local mode only: imported by the h5 files of this feature alone, so the WeChat build
 * never contains it (tests/weapp/build-output.test.ts); the server side exists only in the
 * emulator, and functions follow it only there (HONGSE_LOCAL=1).
 */
import { useEffect, useState } from 'react';

export interface LocalClock {
  /** The local server's time, ISO. */
  now: string;
  /** How far it is ahead of the machine clock, ms. */
  offsetMs: number;
}

/** The steps the switcher offers, in minutes. */
export const CLOCK_STEPS = [
  { label: '+1 小时', minutes: 60 },
  { label: '+1 天', minutes: 24 * 60 },
  { label: '+7 天', minutes: 7 * 24 * 60 },
] as const;

async function clockCall(init?: RequestInit): Promise<LocalClock> {
  const res = await fetch('/api/local/clock', init);
  const body = (await res.json()) as { ok: boolean; data?: LocalClock; error?: { message?: string } };
  if (!body.ok || !body.data) throw new Error(body.error?.message ?? '本地时钟不可用');
  return body.data;
}

/** The demo clock as read when the switcher appeared (the server's clock runs on from there). */
export function useLocalClock(): { clock: LocalClock | null; failed: boolean } {
  const [clock, setClock] = useState<LocalClock | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    clockCall()
      .then(setClock)
      .catch(() => setFailed(true));
  }, []);
  return { clock, failed };
}

/** Moves the demo clock forward by `minutes`; the page is then reloaded so every screen reads the new time. */
export async function advanceLocalClock(minutes: number): Promise<LocalClock> {
  return clockCall({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMinutes: minutes }),
  });
}

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

/** "已拨快 7 天 1 小时", or "" when the clock is the machine's. */
export function aheadText(offsetMs: number): string {
  if (offsetMs < 60_000) return '';
  const days = Math.floor(offsetMs / DAY);
  const hours = Math.floor((offsetMs % DAY) / HOUR);
  const minutes = Math.floor((offsetMs % HOUR) / 60_000);
  const parts = [days ? `${days} 天` : '', hours ? `${hours} 小时` : '', !days && !hours ? `${minutes} 分钟` : ''];
  return `已拨快 ${parts.filter(Boolean).join(' ')}`;
}
