/**
 * The dashboard's date range: two Asia/Shanghai calendar days 'YYYY-MM-DD', both inclusive, as
 * `dashboard.overview` takes them; and the quick choices 本月 / 本季度 / 近30天 / 今年, each
 * ending today.
 */
import { cstParts } from '~types/time';

export type Preset = 'month' | 'quarter' | 'last30' | 'year';

export const PRESETS: ReadonlyArray<{ value: Preset; label: string }> = [
  { value: 'month', label: '本月' },
  { value: 'quarter', label: '本季度' },
  { value: 'last30', label: '近30天' },
  { value: 'year', label: '今年' },
];

export interface DateRange {
  from: string;
  to: string;
  /** The quick choice it came from; null once a day was picked by hand. */
  preset: Preset | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar day (month may overflow either way, as Date.UTC allows) as 'YYYY-MM-DD'. */
function day(year: number, month: number, date: number): string {
  const d = new Date(Date.UTC(year, month - 1, date));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Today in Asia/Shanghai. */
export function todayCst(now = new Date()): string {
  const p = cstParts(now);
  return day(p.year, p.month, p.day);
}

export function presetRange(preset: Preset, now = new Date()): DateRange {
  const p = cstParts(now);
  const to = day(p.year, p.month, p.day);
  const from =
    preset === 'month'
      ? day(p.year, p.month, 1)
      : preset === 'quarter'
        ? day(p.year, Math.floor((p.month - 1) / 3) * 3 + 1, 1)
        : preset === 'last30'
          ? day(p.year, p.month, p.day - 29)
          : day(p.year, 1, 1);
  return { from, to, preset };
}

/** The reason a range cannot be asked for, or null. */
export function rangeError(range: Pick<DateRange, 'from' | 'to'>): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to)) return '请选择开始和结束日期';
  if (range.from > range.to) return '开始日期不能晚于结束日期';
  return null;
}

/** "2026-11-01 至 2026-11-29". */
export function rangeLabel(range: Pick<DateRange, 'from' | 'to'>): string {
  return `${range.from} 至 ${range.to}`;
}
