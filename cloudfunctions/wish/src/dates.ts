/**
 * The wanted-by date of a wish: a calendar day in Asia/Shanghai. Invariants: it is a real
 * date, not before today and at most a year ahead (China time); the wish counts as wanted
 * until the END of that day, stored as `wantedByEnd` (the first instant of the next day).
 */
import { AppError } from '../../../types/errors';
import { addDays, parseCstDay, startOfDayCst } from '../../../types/time';

export const MAX_DAYS_AHEAD = 366;

function refuse(message: string): AppError {
  return new AppError('VALIDATION', 'wish.bad-date', message, { wantedBy: message });
}

/** The first instant after the wanted-by day, or a VALIDATION error. */
export function wantedByEnd(wantedBy: string, now: Date): Date {
  const start = parseCstDay(wantedBy);
  if (!start) throw refuse('日期不存在，请重新选择');
  const todayStart = startOfDayCst(now);
  if (start.getTime() < todayStart.getTime()) throw refuse('期望完成日期不能早于今天');
  if (start.getTime() > addDays(todayStart, MAX_DAYS_AHEAD).getTime()) throw refuse('期望完成日期不能超过一年以后');
  return addDays(start, 1);
}
