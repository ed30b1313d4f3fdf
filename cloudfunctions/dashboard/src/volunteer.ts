/**
 * Volunteer hours (志愿服务时长) from the roll-ups: completed sign-ups' current (corrected) hours,
 * on the day their activity ended, by month (Asia/Shanghai) and by category (the days'
 * `v.<category>`, in hundredths of an hour). Invariants: pure (no request); community-wide.
 */
import type { Overview } from '../../../types/dashboard';
import { ActivityCategory } from '../../../types/volunteer';
import type { Figures } from './rollup-model';

const round = (n: number) => Math.round(n * 100) / 100;

export function volunteerOf(days: Array<{ month: string; wide: Figures }>): Overview['volunteer'] {
  const months = new Map<string, number>();
  const categories = new Map<string, number>();
  let total = 0;
  for (const { month, wide } of days) {
    const v = wide['v'];
    if (!v || typeof v !== 'object') continue;
    for (const [c, centi] of Object.entries(v)) {
      if (typeof centi !== 'number') continue;
      months.set(month, (months.get(month) ?? 0) + centi);
      categories.set(c, (categories.get(c) ?? 0) + centi);
      total += centi;
    }
  }
  return {
    totalHours: round(total / 100),
    byMonth: [...months.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, h]) => ({ month, hours: round(h / 100) })),
    byCategory: ActivityCategory.options
      .filter((c) => categories.has(c))
      .map((category) => ({ category, hours: round((categories.get(category) ?? 0) / 100) })),
  };
}
