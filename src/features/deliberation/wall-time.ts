/**
 * The default due date leaders start from (the wall-clock picking itself is
 * src/shared/wall-time.ts; the steps' periods are days the server counts, common/period-chips.tsx).
 */
import { wallTime } from '@/shared/wall-time';
import { addDays } from '~types/time';

/** Today in Shanghai `days` later, "YYYY-MM-DD". */
export function dayAhead(days: number, now = Date.now()): string {
  return wallTime(addDays(new Date(now), days)).date;
}
