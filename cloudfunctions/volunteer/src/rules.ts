/**
 * The pure rules of volunteering, tested table-driven: the sign-up deadline (inclusive), the
 * on-site window [start − 30 min, end], and service hours — the overlap of [check-in,
 * check-out] with [start, end], rounded DOWN to a quarter hour — and the points they earn.
 */
const MIN = 60 * 1000;
const QUARTER = 15 * MIN;

/** Check-in opens this long before the start. */
export const CHECKIN_LEAD_MS = 30 * MIN;
/** The organiser's live code may be shown this long before check-in opens. */
export const LIVE_CODE_LEAD_MS = 10 * MIN;
/** Check-out (and its code) is accepted until this long after the end; hours still stop at the end. */
export const CHECKOUT_GRACE_MS = 30 * MIN;

const t = (d: Date | string) => new Date(d).getTime();

/** Sign-ups and cancellations are accepted up to and including the deadline's instant. */
export function beforeDeadline(deadline: Date | string, now: Date): boolean {
  return now.getTime() <= t(deadline);
}

/** Whether `now` is inside the check-in window [start − 30 min, end]. */
export function inCheckinWindow(startAt: Date | string, endAt: Date | string, now: Date): boolean {
  return now.getTime() >= t(startAt) - CHECKIN_LEAD_MS && now.getTime() <= t(endAt);
}

/**
 * Whether attendance has opened (`now` ≥ start − 30 min): from then on a place may have been
 * checked in (a scan) or recorded (a correction); before it every place is merely confirmed.
 */
export function attendanceOpened(startAt: Date | string, now: Date): boolean {
  return now.getTime() >= t(startAt) - CHECKIN_LEAD_MS;
}

/** Service hours: overlap of [checkIn, checkOut] with [start, end], in whole quarter hours. */
export function serviceHours(
  checkIn: Date | string,
  checkOut: Date | string,
  startAt: Date | string,
  endAt: Date | string,
): number {
  const overlap = Math.min(t(checkOut), t(endAt)) - Math.max(t(checkIn), t(startAt));
  if (!(overlap > 0)) return 0;
  return Math.floor(overlap / QUARTER) / 4;
}

/** Points for the hours: floor(hours × pointsPerHour). */
export function pointsFor(hours: number, pointsPerHour: number): number {
  return Math.floor(hours * pointsPerHour + 1e-9);
}
