/**
 * The times a new event's form starts from, as a person would pick them: in working hours. The
 * next full hour when it falls on a working day (Monday–Friday) between 09:00 and 16:00 (so a
 * two-hour event ends by 18:00), otherwise 09:00 of the next working day; it lasts two hours.
 * Statutory holidays and their swapped working days are not known here: the organiser changes
 * the date with the picker. Pure: `now` is given.
 */
import { wallTime, type WallTime } from '@/shared/wall-time';
import { addDays, addHours, cstParts, fromCst } from '~types/time';

const HOUR = 3600 * 1000;
export const WORK_START_HOUR = 9;
/** The last hour an event starts at by default. */
export const LAST_START_HOUR = 16;
export const DEFAULT_EVENT_HOURS = 2;

/** Monday–Friday in Shanghai (0 = Sunday … 6 = Saturday). */
function weekdayCst(at: Date): number {
  return new Date(at.getTime() + 8 * HOUR).getUTCDay();
}
const isWorkingDay = (at: Date) => weekdayCst(at) >= 1 && weekdayCst(at) <= 5;

export function defaultEventStart(now: number): Date {
  const nextHour = new Date(Math.ceil(now / HOUR) * HOUR);
  const { hour } = cstParts(nextHour);
  if (isWorkingDay(nextHour) && hour >= WORK_START_HOUR && hour <= LAST_START_HOUR) return nextHour;
  // 09:00 of today (when it is still ahead) or of the next working day.
  const today = cstParts(new Date(now));
  let day = fromCst(today.year, today.month, today.day, WORK_START_HOUR);
  if (day.getTime() < now) day = addDays(day, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

export function defaultEventTimes(now: number): { start: WallTime; end: WallTime } {
  const start = defaultEventStart(now);
  return { start: wallTime(start), end: wallTime(addHours(start, DEFAULT_EVENT_HOURS)) };
}
