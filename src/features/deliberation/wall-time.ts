/**
 * The default due date leaders start from (the wall-clock picking itself is
 * src/shared/wall-time.ts; the steps' periods are days the server counts, common/period-chips.tsx).
 */
import { wallTime } from '@/shared/wall-time';
import { addDays } from '~types/time';

/** The Shanghai date `days` after `now` (the server's time, common/server-clock.ts), "YYYY-MM-DD". */
export function dayAhead(days: number, now: number): string {
  return wallTime(addDays(new Date(now), days)).date;
}
