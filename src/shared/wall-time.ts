/**
 * Times as people pick them on a form: a Shanghai wall-clock date and time ("2026-11-29",
 * "14:00"), sent as ISO times with Shanghai's offset (types/time.ts), whatever the device's zone.
 */
import { cstClock, cstDay, isoCst, parseCst } from '~types/time';

export interface WallTime {
  date: string;
  time: string;
}

export function wallTime(at: Date | string): WallTime {
  return { date: cstDay(at), time: cstClock(at) };
}

/** "2026-11-29T14:00:00+08:00"; a wall time that names no real moment gives a text the server refuses. */
export function toIso(w: WallTime): string {
  const at = parseCst(`${w.date} ${w.time}`);
  return at ? isoCst(at) : `${w.date}T${w.time}`;
}

/** The instant of a wall time (an invalid Date if it names no real moment, so comparisons fail). */
export function instant(w: WallTime): Date {
  return parseCst(`${w.date} ${w.time}`) ?? new Date(NaN);
}

/**
 * `other` after a start was changed from `before` to `after`: moved by as much, so a length (or
 * a deadline's distance) stays what it was, as a calendar does; left alone when either names no
 * real moment.
 */
export function followStart(before: WallTime, after: WallTime, other: WallTime): WallTime {
  const delta = instant(after).getTime() - instant(before).getTime();
  const at = instant(other).getTime();
  if (!Number.isFinite(delta) || !Number.isFinite(at)) return other;
  return wallTime(new Date(at + delta));
}
