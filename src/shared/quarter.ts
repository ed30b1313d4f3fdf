/** Quarters as the assessment screens offer them: "2026Q4" ↔ "2026年第四季度", in Asia/Shanghai. */
import { cstParts, quarterOf } from '~types/time';

const NUMERALS = ['一', '二', '三', '四'];

export function currentQuarter(now = new Date()): string {
  return quarterOf(now);
}

/** The current quarter and the `count - 1` before it, newest first. */
export function recentQuarters(count = 4, now = new Date()): string[] {
  let { year } = cstParts(now);
  let q = Number(quarterOf(now).slice(-1));
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    out.push(`${year}Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

/** "2026Q4" → "2026年第四季度"; anything else as is. */
export function quarterLabel(quarter: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  return m ? `${m[1]}年第${NUMERALS[Number(m[2]) - 1]}季度` : quarter;
}

/** The year in Asia/Shanghai. */
export function currentYear(now = new Date()): number {
  return cstParts(now).year;
}
