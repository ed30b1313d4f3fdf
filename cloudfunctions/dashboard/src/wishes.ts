/**
 * Wish figures (微心愿) from the roll-ups: wishes posted in the range by their state now (the
 * days' `w.<state>`); the median hours from publication to the first claim and to the first
 * confirmation (the days' histograms `wc` / `wf`: bucket → wishes, buckets growing by 1.2 from
 * an hour, so a median is within 15 minutes below an hour and 10 % above: rollup-model.ts
 * `durationKey`); the wish waiting longest on the wall now (`wo`
 * of the present: id → published at). Invariants: pure but for the caller's one read of that
 * wish's title; a released claim still counts as the first claim; narrowed by
 * estate/building/grid.
 */
import type { Overview } from '../../../types/dashboard';
import { WishState } from '../../../types/wish';
import type { Ctx } from '../../_shared/context';
import { durationValue, sumMap, type Figures } from './rollup-model';

const DAY = 24 * 3_600_000;

/**
 * The median of a histogram (`m<bucket's lower bound in minutes>` → count) in hours: the middle
 * one or two values, each its bucket's middle (`durationValue`).
 */
export function medianOf(histogram: Map<string, number>): number | null {
  const values = [...histogram.entries()]
    .map(([k, n]) => [durationValue(Number(k.slice(1))), n] as const)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a - b);
  const total = values.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const at = (i: number) => {
    let seen = 0;
    for (const [v, n] of values) {
      seen += n;
      if (i < seen) return v;
    }
    return values[values.length - 1]![0];
  };
  const lo = at(Math.floor((total - 1) / 2));
  const hi = at(Math.floor(total / 2));
  return Math.round(((lo + hi) / 2 / 60) * 100) / 100;
}

export function wishesOf(
  ctx: Ctx,
  days: Figures[],
  oldest: { id: string; at: number; title: string } | null,
): Overview['wishes'] {
  const counts = sumMap(days, 'w');
  const now = ctx.now().getTime();
  return {
    byState: WishState.options.map((state) => ({ state, count: counts.get(state) ?? 0 })),
    medianHoursToClaim: medianOf(sumMap(days, 'wc')),
    medianHoursToConfirm: medianOf(sumMap(days, 'wf')),
    oldestUnclaimed: oldest
      ? {
          id: oldest.id,
          title: oldest.title,
          publishedAt: new Date(oldest.at).toISOString(),
          ageDays: Math.floor((now - oldest.at) / DAY),
        }
      : null,
  };
}
