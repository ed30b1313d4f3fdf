/**
 * Activity times: the defaults a new activity starts from, and how spans and hours read
 * (the wall-clock picking itself is src/shared/wall-time.ts).
 */
import { wallTime, type WallTime } from '@/shared/wall-time';
import { addHours, cstParts, fromCst } from '~types/time';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A new activity's times, as a person would pick them: tomorrow morning at 09:00 (Shanghai), two
 * hours long, sign-up closing at the start. Pure: `now` is given.
 */
export function defaultTimes(now: number): { start: WallTime; end: WallTime; deadline: WallTime } {
  const today = cstParts(new Date(now));
  const start = fromCst(today.year, today.month, today.day + 1, 9);
  return {
    start: wallTime(start),
    end: wallTime(addHours(start, 2)),
    deadline: wallTime(start),
  };
}

/** "11月29日 14:00–16:00" (or with both dates when it spans days), Asia/Shanghai. */
export function formatSpan(startAt: string, endAt: string): string {
  const s = cstParts(new Date(startAt));
  const e = cstParts(new Date(endAt));
  const day = (p: typeof s) => `${p.month}月${p.day}日`;
  const hm = (p: typeof s) => `${pad(p.hour)}:${pad(p.minute)}`;
  const sameDay = s.year === e.year && s.month === e.month && s.day === e.day;
  return sameDay ? `${day(s)} ${hm(s)}–${hm(e)}` : `${day(s)} ${hm(s)} – ${day(e)} ${hm(e)}`;
}

/** 2.5 → "2.5", 0 → "0" (hours are quarter hours). */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}
