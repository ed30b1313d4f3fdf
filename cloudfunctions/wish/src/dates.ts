/**
 * The wanted-by date of a wish: a calendar day in Asia/Shanghai. Invariants: it is a real
 * date, not before today and at most a year ahead (China time); the wish counts as wanted
 * until the END of that day, stored as `wantedByEnd` (the first instant of the next day).
 */
import { AppError } from '../../../types/errors';
import { cstParts, fromCst } from '../../../types/time';

const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_DAYS_AHEAD = 366;

function refuse(message: string): AppError {
  return new AppError('VALIDATION', 'wish.bad-date', message, { wantedBy: message });
}

/** The first instant after the wanted-by day, or a VALIDATION error. */
export function wantedByEnd(wantedBy: string, now: Date): Date {
  const [y, m, d] = wantedBy.split('-').map(Number) as [number, number, number];
  const start = fromCst(y, m, d);
  const p = cstParts(start);
  if (p.year !== y || p.month !== m || p.day !== d) throw refuse('日期不存在，请重新选择');
  const today = cstParts(now);
  const todayStart = fromCst(today.year, today.month, today.day);
  if (start.getTime() < todayStart.getTime()) throw refuse('期望完成日期不能早于今天');
  if (start.getTime() > todayStart.getTime() + MAX_DAYS_AHEAD * DAY_MS) throw refuse('期望完成日期不能超过一年以后');
  return new Date(start.getTime() + DAY_MS);
}
