/**
 * Points distribution (积分分布) from the roll-ups: members by the points they earned in the
 * quarter of the range's last day (net of reversals), in fixed buckets. Invariants: pure (no
 * request); a member counts once per quarter, in the bucket of that quarter's total, and only
 * with at least one ledger entry in it; community-wide. A quarter, not the range's days: a
 * member's total over arbitrary days is no sum of stored figures (docs/adr/0042-roll-ups.md).
 */
import type { Overview } from '../../../types/dashboard';
import type { Figures } from './rollup-model';

export const BUCKETS: Array<{ label: string; min: number | null; max: number | null }> = [
  { label: '负分', min: null, max: 0 },
  { label: '0–9分', min: 0, max: 10 },
  { label: '10–19分', min: 10, max: 20 },
  { label: '20–49分', min: 20, max: 50 },
  { label: '50–99分', min: 50, max: 100 },
  { label: '100分及以上', min: 100, max: null },
];

/** `figures`: each community's `c.p` of the quarter (`b<i>` → members in bucket i). */
export function pointsOf(quarter: string, figures: Figures[]): Overview['points'] {
  return {
    quarter,
    buckets: BUCKETS.map((b, i) => ({
      ...b,
      members: figures.reduce((s, f) => s + (typeof f[`b${i}`] === 'number' ? (f[`b${i}`] as number) : 0), 0),
    })),
  };
}
