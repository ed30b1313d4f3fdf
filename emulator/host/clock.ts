/**
 * The local server's movable clock (local emulator only). The seed runs the real actions at
 * past dates by moving it back; the demo may later move it forward. It is an offset from the
 * machine clock, held in this process and published on a global the function handler reads —
 * and the handler reads it only when the function host's `HONGSE_LOCAL=1` is set, which the
 * real CloudBase runtime never sets (cloudfunctions/_shared/handler.ts, `localClock`). The
 * emulator database's `serverDate()` follows the same clock (server.ts passes `localNow`).
 *
 * Invariant: with no offset set, every reader sees the machine clock.
 */

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

(globalThis as Record<symbol, unknown>)[LOCAL_CLOCK_KEY] = localNow;
