/**
 * The event's 6-digit spoken code (数字签到码, docs/adr/0036): the shared spoken code
 * (_shared/spoken-code.ts) with the subject `event.<eventId>`, so an event's digits are
 * `HMAC(qrSecret, "spoken.event.<eventId>.<window>")` as before the code was shared with
 * volunteer activities. Pure.
 */
import {
  checkSpokenCodeFor,
  currentSpokenCodeFor,
  spokenDigitsFor,
  type SpokenVerdict,
} from '../../_shared/spoken-code';

export { asSpokenCode, SPOKEN_SLOTS, SPOKEN_STALE_WINDOWS, spokenWindowOf } from '../../_shared/spoken-code';
export type { SpokenVerdict } from '../../_shared/spoken-code';

const subject = (eventId: string) => `event.${eventId}`;

export function spokenDigits(secret: string, eventId: string, window: number): string {
  return spokenDigitsFor(secret, subject(eventId), window);
}

/** The code to show now, and when the next one replaces it. */
export function currentSpokenCode(secret: string, eventId: string, now: Date): { code: string; refreshAt: Date } {
  return currentSpokenCodeFor(secret, subject(eventId), now);
}

/** Checks typed digits against the event's code of the current and the previous window. */
export function checkSpokenCode(secret: string, eventId: string, digits: string, now: Date): SpokenVerdict {
  return checkSpokenCodeFor(secret, subject(eventId), digits, now);
}
