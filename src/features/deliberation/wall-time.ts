/**
 * The default windows leaders start from (the wall-clock picking itself is
 * src/shared/wall-time.ts).
 */
import { wallTime, type WallTime } from '@/shared/wall-time';
import { addDays } from '~types/time';

/** A whole hour at least `hours` from now, as a Shanghai wall time. */
export function hoursAhead(hours: number, now = Date.now()): WallTime {
  const HOUR = 3600 * 1000;
  return wallTime(new Date(Math.ceil((now + hours * HOUR) / HOUR) * HOUR));
}

/** Today in Shanghai `days` later, "YYYY-MM-DD". */
export function dayAhead(days: number, now = Date.now()): string {
  return wallTime(addDays(new Date(now), days)).date;
}
