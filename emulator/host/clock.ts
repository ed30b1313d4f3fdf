/**
 * The local server's movable clock (local emulator only). The seed runs the real actions at
 * past dates by moving it back; the demo may later move it forward. It is an offset from the
 * machine clock, held in this process and published on a global the function handler reads —
 * and the handler reads it only when the function host's `HONGSE_LOCAL=1` is set, which the
 * real CloudBase runtime never sets (cloudfunctions/_shared/handler.ts, `localClock`). The
 * emulator database's `serverDate()` follows the same clock (server.ts passes `localNow`).
 *
 * Invariants: with no offset set, every reader sees the machine clock; the demo (the local
 * server's clock route) moves it only forward, and a data directory keeps its offset.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file in a data directory that keeps the demo's clock offset across restarts. */
export const CLOCK_FILE = '.clock-offset';
/** The most the demo may move the clock forward in one step: 60 days. */
export const MAX_ADVANCE_MS = 60 * 24 * 3600_000;

/** The global the handler looks for (a registered symbol: bundles share it with this module). */
export const LOCAL_CLOCK_KEY = Symbol.for('hongse.localClock');

let offsetMs = 0;

/** The current time of the local server: the machine clock moved by the offset. */
export function localNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** The offset in milliseconds between the local server's clock and the machine clock. */
export function clockOffsetMs(): number {
  return offsetMs;
}

/** Moves the local clock so that it reads `at` now (and runs on from there). */
export function setLocalTime(at: Date): void {
  offsetMs = at.getTime() - Date.now();
}

/** Moves the local clock by `ms` (positive: forward). */
export function moveLocalClock(ms: number): void {
  offsetMs += ms;
}

/** Back to the machine clock. */
export function resetLocalClock(): void {
  offsetMs = 0;
}

/**
 * The demo moves the clock forward only (what was done stays in the past) by at most
 * MAX_ADVANCE_MS a step, and the offset is kept in the data directory so a restart keeps the
 * demo's present. Returns the new offset.
 */
export function advanceDemoClock(dataDir: string, ms: number): number {
  if (!Number.isInteger(ms) || ms <= 0 || ms > MAX_ADVANCE_MS) {
    throw new RangeError(`the clock moves forward by 1 ms to ${MAX_ADVANCE_MS} ms`);
  }
  offsetMs += ms;
  writeFileSync(join(dataDir, CLOCK_FILE), String(offsetMs));
  return offsetMs;
}

/** Restores the offset a data directory keeps (none: the machine clock). */
export function restoreDemoClock(dataDir: string): void {
  const file = join(dataDir, CLOCK_FILE);
  const kept = existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0;
  offsetMs = Number.isFinite(kept) && kept > 0 ? kept : 0;
}

(globalThis as Record<symbol, unknown>)[LOCAL_CLOCK_KEY] = localNow;
