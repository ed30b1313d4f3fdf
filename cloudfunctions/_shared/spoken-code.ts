/**
 * 6-digit spoken codes (数字签到码), the ones an organiser reads aloud beside a QR (docs/adr/0036),
 * for events (checkin) and volunteer activities alike. Invariants:
 * - the digits are an HMAC-SHA256 with the thing's own `qrSecret` (never sent to clients) over
 *   `spoken.<subject>.<window>` — the subject names the kind and the id (`event.<eventId>`,
 *   `activity-in.<activityId>`, `activity-out.<activityId>`) — reduced to 000000–999999; they say
 *   nothing about another subject's or another window's code;
 * - a window is SPOKEN_SLOTS QR slots (2 minutes) and starts at a QR slot's start, so the digits
 *   change together with the QR, every fourth time it rotates;
 * - a code is accepted in its own window and the next (at least 2, at most 4 minutes after it
 *   first shows); one of the SPOKEN_STALE_WINDOWS windows before those is "expired" (10 minutes
 *   in all), anything else is "wrong";
 * - the digits alone do not name anything: they are only ever checked against the subject the
 *   caller names (the event's or activity's page), so two open ones cannot collide.
 * Pure: the caller gives the clock and the secret.
 */
import { createHmac } from 'node:crypto';
import { SLOT_SECONDS, slotOf } from './qr';

/** QR slots (30 s each) per spoken-code window: 2 minutes. */
export const SPOKEN_SLOTS = 4;
/** Windows before the accepted two whose code is answered as expired rather than wrong. */
export const SPOKEN_STALE_WINDOWS = 3;
const WINDOW_MS = SPOKEN_SLOTS * SLOT_SECONDS * 1000;

export function spokenWindowOf(now: Date): number {
  return Math.floor(slotOf(now) / SPOKEN_SLOTS);
}

export function spokenDigitsFor(secret: string, subject: string, window: number): string {
  const digest = createHmac('sha256', secret).update(`spoken.${subject}.${window}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** The code to show now, and when the next one replaces it. */
export function currentSpokenCodeFor(secret: string, subject: string, now: Date): { code: string; refreshAt: Date } {
  const window = spokenWindowOf(now);
  return { code: spokenDigitsFor(secret, subject, window), refreshAt: new Date((window + 1) * WINDOW_MS) };
}

/** The typed text as six digits (spaces ignored: "327 415"), or null when it is not such a code. */
export function asSpokenCode(text: string): string | null {
  const digits = text.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

export type SpokenVerdict = 'ok' | 'expired' | 'wrong';

/** Checks typed digits against the subject's code of the current and the previous window. */
export function checkSpokenCodeFor(secret: string, subject: string, digits: string, now: Date): SpokenVerdict {
  const current = spokenWindowOf(now);
  if (
    digits === spokenDigitsFor(secret, subject, current) ||
    digits === spokenDigitsFor(secret, subject, current - 1)
  ) {
    return 'ok';
  }
  for (let back = 2; back < 2 + SPOKEN_STALE_WINDOWS; back++) {
    if (digits === spokenDigitsFor(secret, subject, current - back)) return 'expired';
  }
  return 'wrong';
}

/** Minutes from `now` until `at`, at least 1: for "try again in about N minutes". */
export const minutesUntil = (at: Date, now: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 60_000));

/** What a live code answers: the QR's signed code and its times, with the spoken code beside it. */
export function liveCodeReply(
  signed: { code: string; refreshAt: Date; expiresAt: Date },
  spoken: { code: string; refreshAt: Date },
): { code: string; refreshAt: string; expiresAt: string; spokenCode: string; spokenRefreshAt: string } {
  return {
    code: signed.code,
    refreshAt: signed.refreshAt.toISOString(),
    expiresAt: signed.expiresAt.toISOString(),
    spokenCode: spoken.code,
    spokenRefreshAt: spoken.refreshAt.toISOString(),
  };
}
