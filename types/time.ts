/**
 * Every date and time of the product, in one module on dayjs: strict parsing, China Standard
 * Time (Asia/Shanghai) for windows, days and display, and quarter arithmetic.
 *
 * Asia/Shanghai is a fixed UTC+8 here (dayjs's utc plugin, `utcOffset(480)`), not an IANA zone
 * lookup: China has had no daylight saving since 1991 and every date we accept is from 2000
 * on, so the fixed offset is exact; and the dayjs timezone plugin needs `Intl.DateTimeFormat`
 * with `timeZone`, which the WeChat JS runtime does not reliably provide. This module is
 * imported by the mini-program too: keep it small and free of Node APIs. See
 * docs/adr/0013-dates-on-dayjs.md.
 *
 * Parsing is strict: a text is accepted only if it has exactly the expected shape and names a
 * real calendar moment (no 2026-02-30, no 24:61, no month 13), inside the absolute window
 * 2000–2100 (Shanghai calendar years). Everything else is `null`, never a rolled-over date.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** UTC+8 in minutes: Asia/Shanghai, constant since 1991. */
export const SHANGHAI_OFFSET_MINUTES = 480;
/** The absolute window of calendar years any date input may name (Shanghai years, inclusive). */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** `date` seen on the Shanghai wall clock. */
function sh(date: Date | string | number): Dayjs {
  return dayjs(date instanceof Date ? date : new Date(date)).utcOffset(SHANGHAI_OFFSET_MINUTES);
}

/** A Shanghai wall-clock reading (`dayjs.utc` parsed) turned into its instant. */
function fromWall(wall: Dayjs): Date {
  // Plain arithmetic on the UTC reading: dayjs's `utcOffset(offset, true)` (keep local time) on
  // a UTC instance depends on the device's own zone, and was 8 h off on a phone set to Shanghai.
  return new Date(wall.valueOf() - SHANGHAI_OFFSET_MINUTES * 60 * 1000);
}

const inWindow = (d: Date): boolean => {
  const year = sh(d).year();
  return year >= YEAR_MIN && year <= YEAR_MAX;
};

/** The wall-clock parts of `date` in Asia/Shanghai. */
export function cstParts(date: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const d = sh(date);
  return {
    year: d.year(),
    month: d.month() + 1,
    day: d.date(),
    hour: d.hour(),
    minute: d.minute(),
    second: d.second(),
  };
}

/**
 * The instant of a wall-clock time in Asia/Shanghai. Out-of-range parts roll over (day 32 is
 * the 1st of the next month) for arithmetic; use `parseCst` to validate user text instead.
 */
export function fromCst(year: number, month: number, day = 1, hour = 0, minute = 0, second = 0): Date {
  return fromWall(
    dayjs
      .utc(0)
      .year(year)
      .month(month - 1)
      .date(day)
      .hour(hour)
      .minute(minute)
      .second(second),
  );
}

/** "2026-11-29 14:05" (or with seconds) in Asia/Shanghai. */
export function formatCst(date: Date | string, withSeconds = false): string {
  return sh(date).format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}

/** `date` as an ISO-8601 text with Shanghai's offset, "2026-11-29T14:00:00+08:00". */
export function isoCst(date: Date | string): string {
  return sh(date).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** The Shanghai calendar day of `date`, "2026-11-29". */
export function cstDay(date: Date | string): string {
  return sh(date).format('YYYY-MM-DD');
}

/** The Shanghai wall-clock time of `date`, "14:05". */
export function cstClock(date: Date | string): string {
  return sh(date).format('HH:mm');
}

/** Midnight (Shanghai) of the day `date` falls in. */
export function startOfDayCst(date: Date | string): Date {
  return sh(date).startOf('day').toDate();
}

/** `date` moved by `days` Shanghai calendar days (negative: back). */
export function addDays(date: Date | string, days: number): Date {
  return sh(date).add(days, 'day').toDate();
}

/** `date` moved by `hours` hours (negative: back). */
export function addHours(date: Date | string, hours: number): Date {
  return sh(date).add(hours, 'hour').toDate();
}

/** "2026-11-29" moved by `days` calendar days; null if `day` is not a valid day. */
export function addDaysToDay(day: string, days: number): string | null {
  const start = parseCstDay(day);
  return start ? cstDay(addDays(start, days)) : null;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A wall-clock text read strictly as a UTC reading: "YYYY-MM-DD", "YYYY-MM-DD HH:mm" or
 * "YYYY-MM-DD HH:mm:ss" — exactly the `shape` asked for, and only a real calendar moment (no
 * 2026-02-30, no 24:00, no minute 60); null otherwise. Hand-written rather than dayjs's
 * customParseFormat plugin, which would carry its English locale into the main package.
 */
function strictWall(text: string, shape: 'day' | 'minutes' | 'seconds'): Dayjs | null {
  const m = WALL.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec] = m;
  if ((shape === 'day') !== (h === undefined) || (shape === 'seconds') !== (sec !== undefined)) return null;
  const [year, month, day, hour, minute, second] = [y, mo, d, h ?? '0', mi ?? '0', sec ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return dayjs.utc(Date.UTC(year, month - 1, day, hour, minute, second));
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Strictly parses an ISO-8601 instant with seconds and an explicit offset
 * ("2026-11-29T14:00:00+08:00", "2026-11-29T06:00:00.000Z"); null for anything else, an
 * impossible calendar date or time, an offset beyond ±14:00, or a year outside the window.
 */
export function parseInstant(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [, date, time, fraction, zone, sign, offH, offM] = m;
  const wall = strictWall(`${date} ${time}`, 'seconds');
  if (!wall) return null;
  let offset = 0;
  if (zone !== 'Z') {
    const h = Number(offH);
    const min = Number(offM);
    if (h > 14 || min > 59 || (h === 14 && min > 0)) return null;
    offset = (sign === '-' ? -1 : 1) * (h * 60 + min);
  }
  const ms = fraction ? Number(fraction.padEnd(3, '0').slice(0, 3)) : 0;
  const at = wall.add(ms, 'millisecond').subtract(offset, 'minute').toDate();
  return inWindow(at) ? at : null;
}

/** Strictly parses a Shanghai calendar day "2026-11-29" to its midnight; null if impossible. */
export function parseCstDay(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const wall = strictWall(text, 'day');
  if (!wall) return null;
  const at = fromWall(wall);
  return inWindow(at) ? at : null;
}

/**
 * Strictly parses a Shanghai wall-clock text: "2026-11-29" (midnight) or "2026-11-29 14:05";
 * null if the text has another shape or names an impossible date or time.
 */
export function parseCst(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  if (text.length === 10) return parseCstDay(text);
  const wall = strictWall(text, 'minutes');
  if (!wall) return null;
  const at = fromWall(wall);
  return inWindow(at) ? at : null;
}

/** A quarter label such as "2026Q4". */
export type Quarter = `${number}Q${1 | 2 | 3 | 4}`;
export const QUARTER_PATTERN = /^(\d{4})Q([1-4])$/;

/** Strictly parses "2026Q4" (a year in the window, quarter 1–4); null for anything else. */
export function parseQuarter(text: unknown): { year: number; q: 1 | 2 | 3 | 4 } | null {
  if (typeof text !== 'string') return null;
  const m = QUARTER_PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < YEAR_MIN || year > YEAR_MAX) return null;
  return { year, q: Number(m[2]) as 1 | 2 | 3 | 4 };
}

function mustQuarter(quarter: string): { year: number; q: 1 | 2 | 3 | 4 } {
  const m = QUARTER_PATTERN.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  return { year: Number(m[1]), q: Number(m[2]) as 1 | 2 | 3 | 4 };
}

const label = (year: number, q: number): Quarter => `${year}Q${q as 1 | 2 | 3 | 4}`;

/** The Shanghai quarter of an instant (a Date or an ISO string). */
export function quarterOf(date: Date | string): Quarter {
  const d = sh(date);
  return label(d.year(), Math.floor(d.month() / 3) + 1);
}

/** [start, end) of a quarter in Asia/Shanghai. */
export function quarterRange(quarter: string): { start: Date; end: Date } {
  const { year, q } = mustQuarter(quarter);
  const start = fromCst(year, (q - 1) * 3 + 1);
  return { start, end: sh(start).add(3, 'month').toDate() };
}

/** The quarter `n` quarters after `quarter` (negative: before). */
export function addQuarters(quarter: string, n: number): Quarter {
  const { year, q } = mustQuarter(quarter);
  const index = year * 4 + (q - 1) + n;
  return label(Math.floor(index / 4), (index % 4) + 1);
}

export function previousQuarter(quarter: string): Quarter {
  return addQuarters(quarter, -1);
}

export function nextQuarter(quarter: string): Quarter {
  return addQuarters(quarter, 1);
}
