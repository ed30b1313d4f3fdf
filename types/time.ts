/**
 * China Standard Time (Asia/Shanghai, UTC+8, no daylight saving) for every window and display.
 * Pure arithmetic on the offset, so it behaves the same in Node, browsers and the WeChat
 * runtime (whose Intl support varies).
 */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The wall-clock parts of `date` in Asia/Shanghai. */
export function cstParts(date: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const d = new Date(date.getTime() + CST_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The instant of a wall-clock time in Asia/Shanghai. */
export function fromCst(year: number, month: number, day = 1, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - CST_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-29 14:05" in Asia/Shanghai. */
export function formatCst(date: Date | string, withSeconds = false): string {
  const p = cstParts(typeof date === 'string' ? new Date(date) : date);
  const time = `${pad(p.hour)}:${pad(p.minute)}${withSeconds ? `:${pad(p.second)}` : ''}`;
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${time}`;
}

/** A quarter label such as "2026Q4". */
export type Quarter = `${number}Q${1 | 2 | 3 | 4}`;
export const QUARTER_PATTERN = /^(\d{4})Q([1-4])$/;

export function quarterOf(date: Date): Quarter {
  const { year, month } = cstParts(date);
  return `${year}Q${Math.ceil(month / 3) as 1 | 2 | 3 | 4}`;
}

/** [start, end) of a quarter in Asia/Shanghai. */
export function quarterRange(quarter: string): { start: Date; end: Date } {
  const m = QUARTER_PATTERN.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const start = fromCst(year, (q - 1) * 3 + 1);
  const end = q === 4 ? fromCst(year + 1, 1) : fromCst(year, q * 3 + 1);
  return { start, end };
}

export function previousQuarter(quarter: string): Quarter {
  const m = QUARTER_PATTERN.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  return (q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`) as Quarter;
}
