/**
 * The dashboard's date range: two Asia/Shanghai calendar days 'YYYY-MM-DD', both inclusive, as
 * `dashboard.overview` takes them; and the quick choices 本月 / 本季度 / 近30天 / 今年, each
 * ending today.
 */
import { addDays, cstDay, cstParts, fromCst, parseCstDay, quarterOf, quarterRange } from '~types/time';

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

/** Today in Asia/Shanghai. */
export function todayCst(now = new Date()): string {
  return cstDay(now);
}

export function presetRange(preset: Preset, now = new Date()): DateRange {
  const p = cstParts(now);
  const to = cstDay(now);
  const from = cstDay(
    preset === 'month'
      ? fromCst(p.year, p.month, 1)
      : preset === 'quarter'
        ? quarterRange(quarterOf(now)).start
        : preset === 'last30'
          ? addDays(now, -29)
          : fromCst(p.year, 1, 1),
  );
  return { from, to, preset };
}

/** The reason a range cannot be asked for, or null. */
export function rangeError(range: Pick<DateRange, 'from' | 'to'>): string | null {
  if (!parseCstDay(range.from) || !parseCstDay(range.to)) return '请选择开始和结束日期';
  if (range.from > range.to) return '开始日期不能晚于结束日期';
  return null;
}

/** "2026-11-01 至 2026-11-29". */
export function rangeLabel(range: Pick<DateRange, 'from' | 'to'>): string {
  return `${range.from} 至 ${range.to}`;
}
