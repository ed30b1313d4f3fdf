/**
 * Times as organisers pick them: a Shanghai wall-clock date and time ("2026-11-29", "14:00"),
 * sent as ISO times with the +08:00 offset, whatever the device's zone.
 */
import { cstParts, fromCst } from '~types/time';

const pad = (n: number) => String(n).padStart(2, '0');

export interface WallTime {
  date: string;
  time: string;
}

export function wallTime(at: Date | string): WallTime {
  const p = cstParts(typeof at === 'string' ? new Date(at) : at);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** "2026-11-29T14:00:00+08:00" */
export function toIso(w: WallTime): string {
  return `${w.date}T${w.time}:00+08:00`;
}

export function instant(w: WallTime): Date {
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  const [h, min] = w.time.split(':').map(Number) as [number, number];
  return fromCst(y, m, d, h, min);
}

const QUARTER = 15 * 60 * 1000;

/**
 * A new activity's times: it starts at the first quarter hour at least 10 minutes from now (so
 * on-site check-in, which opens 30 minutes before the start, is open at once for a same-day
 * activity), lasts two hours, and sign-up closes at the start.
 */
export function defaultTimes(now = Date.now()): { start: WallTime; end: WallTime; deadline: WallTime } {
  const start = new Date(Math.ceil((now + 10 * 60 * 1000) / QUARTER) * QUARTER);
  return {
    start: wallTime(start),
    end: wallTime(new Date(start.getTime() + 2 * 3600 * 1000)),
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
