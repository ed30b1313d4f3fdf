/**
 * CloudBase timer-trigger schedules: seven fields — second minute hour day-of-month month
 * day-of-week year — each `*`, a number, a range `a-b`, a list `a,b`, or a step (`*\/n`, `a-b/n`).
 * Evaluated in China Standard Time, as CloudBase does. Day-of-week: 0 or 7 = Sunday.
 */
import { cstParts } from '../../types/time';

type Field = (value: number) => boolean;

const bounds: Array<[number, number]> = [
  [0, 59], // second
  [0, 59], // minute
  [0, 23], // hour
  [1, 31], // day of month
  [1, 12], // month
  [0, 7], // day of week
  [1970, 2199], // year
];

function parseField(text: string, [min, max]: [number, number]): Field {
  const allowed = new Set<number>();
  for (const part of text.split(',')) {
    const [rangeText, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad step in "${text}"`);
    let from: number;
    let to: number;
    if (rangeText === '*') {
      from = min;
      to = max;
    } else if (rangeText.includes('-')) {
      [from, to] = rangeText.split('-').map(Number) as [number, number];
    } else {
      from = Number(rangeText);
      to = stepText === undefined ? from : max;
    }
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < min || to > max || from > to) {
      throw new Error(`bad field "${text}" (allowed ${min}-${max})`);
    }
    for (let v = from; v <= to; v += step) allowed.add(v);
  }
  return (value) => allowed.has(value);
}

export interface Schedule {
  /** The next instant strictly after `after` that matches, or null within the next ~2 years. */
  next(after: Date): Date | null;
}

export function parseSchedule(expression: string): Schedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`a timer needs 7 fields (second … year): "${expression}"`);
  const [sec, min, hour, dom, mon, dow, year] = parts.map((p, i) => parseField(p, bounds[i]!)) as Field[] as [
    Field,
    Field,
    Field,
    Field,
    Field,
    Field,
    Field,
  ];
  return {
    next(after) {
      // Walk minute by minute (at most two years), then pick the first matching second.
      const start = Math.floor(after.getTime() / 60_000) * 60_000;
      for (let i = 0; i < 2 * 366 * 24 * 60; i++) {
        const minuteStart = new Date(start + i * 60_000);
        const p = cstParts(minuteStart);
        const weekday = new Date(minuteStart.getTime() + 8 * 3600_000).getUTCDay();
        if (!min(p.minute) || !hour(p.hour) || !dom(p.day) || !mon(p.month) || !year(p.year)) continue;
        if (!dow(weekday) && !(weekday === 0 && dow(7))) continue;
        for (let s = 0; s < 60; s++) {
          const candidate = new Date(minuteStart.getTime() + s * 1000);
          if (sec(s) && candidate.getTime() > after.getTime()) return candidate;
        }
      }
      return null;
    },
  };
}
