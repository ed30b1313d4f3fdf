/** Quarters as the assessment screens offer them: "2026Q4" ↔ "2026年第四季度", in Asia/Shanghai. */
import { addQuarters, cstParts, parseQuarter, quarterOf } from '~types/time';

const NUMERALS = ['一', '二', '三', '四'];

export function currentQuarter(now = new Date()): string {
  return quarterOf(now);
}

/** The current quarter and the `count - 1` before it, newest first. */
export function recentQuarters(count = 4, now = new Date()): string[] {
  const current = quarterOf(now);
  return Array.from({ length: count }, (_, i) => addQuarters(current, -i));
}

/** "2026Q4" → "2026年第四季度"; anything else as is. */
export function quarterLabel(quarter: string): string {
  const p = parseQuarter(quarter);
  return p ? `${p.year}年第${NUMERALS[p.q - 1]}季度` : quarter;
}

/** The year in Asia/Shanghai. */
export function currentYear(now = new Date()): number {
  return cstParts(now).year;
}
