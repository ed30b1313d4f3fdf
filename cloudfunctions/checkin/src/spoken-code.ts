/**
 * The event's 6-digit spoken code (数字签到码), the one an organiser reads aloud beside the QR
 * (docs/adr/0036). Invariants:
 * - the digits are an HMAC-SHA256 with the event's own `qrSecret` (never sent to clients) over
 *   `spoken.event.<eventId>.<window>`, reduced to 000000–999999; they say nothing about another
 *   event's or another window's code;
 * - a window is SPOKEN_SLOTS QR slots (2 minutes) and starts at a QR slot's start, so the digits
 *   change together with the QR, every fourth time it rotates;
 * - a code is accepted in its own window and the next (at least 2, at most 4 minutes after it
 *   first shows); one of the SPOKEN_STALE_WINDOWS windows before those is "expired" (10 minutes
 *   in all), anything else is "wrong";
 * - the digits alone do not name an event: they are only ever checked against the one event the
 *   caller names (`eventId`, the event's page), so two open events cannot collide.
 * Pure: the caller gives the clock and the secret.
 */
import { createHmac } from 'node:crypto';
import { SLOT_SECONDS, slotOf } from '../../_shared/qr';

/** QR slots (30 s each) per spoken-code window: 2 minutes. */
export const SPOKEN_SLOTS = 4;
/** Windows before the accepted two whose code is answered as expired rather than wrong. */
export const SPOKEN_STALE_WINDOWS = 3;
const WINDOW_MS = SPOKEN_SLOTS * SLOT_SECONDS * 1000;

export function spokenWindowOf(now: Date): number {
  return Math.floor(slotOf(now) / SPOKEN_SLOTS);
}

export function spokenDigits(secret: string, eventId: string, window: number): string {
  const digest = createHmac('sha256', secret).update(`spoken.event.${eventId}.${window}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** The code to show now, and when the next one replaces it. */
export function currentSpokenCode(secret: string, eventId: string, now: Date): { code: string; refreshAt: Date } {
  const window = spokenWindowOf(now);
  return { code: spokenDigits(secret, eventId, window), refreshAt: new Date((window + 1) * WINDOW_MS) };
}

/** The typed text as six digits (spaces ignored: "327 415"), or null when it is not such a code. */
export function asSpokenCode(text: string): string | null {
  const digits = text.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

export type SpokenVerdict = 'ok' | 'expired' | 'wrong';

/** Checks typed digits against the event's code of the current and the previous window. */
export function checkSpokenCode(secret: string, eventId: string, digits: string, now: Date): SpokenVerdict {
  const current = spokenWindowOf(now);
  if (digits === spokenDigits(secret, eventId, current) || digits === spokenDigits(secret, eventId, current - 1)) {
    return 'ok';
  }
  for (let back = 2; back < 2 + SPOKEN_STALE_WINDOWS; back++) {
    if (digits === spokenDigits(secret, eventId, current - back)) return 'expired';
  }
  return 'wrong';
}
