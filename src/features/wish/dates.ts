/** Calendar days in China time (YYYY-MM-DD) for the wanted-by date. */
import { addDays, cstDay as dayOf } from '~types/time';

/** Today in Asia/Shanghai, `offset` days later. */
export function cstDay(offset = 0, now = new Date()): string {
  return dayOf(addDays(now, offset));
}
