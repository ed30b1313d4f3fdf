/**
 * Points distribution (积分分布): members by the points they earned in the range (net of
 * reversals), in fixed buckets. Invariants: one aggregation — ledger entries of the range
 * grouped by member, then `$bucket` in the database; members with no entry in the range are not
 * counted; community-wide.
 */
import type { Overview } from '../../../types/dashboard';
import type { Ctx } from '../../_shared/context';
import { communityCond, inRange, runPart, type Part, type Where } from './where';
import { Collections } from '../../_shared/collections';

const LOW = -1_000_000_000;
const HIGH = 1_000_000_000;
export const BUCKETS: Array<{ label: string; min: number | null; max: number | null }> = [
  { label: '负分', min: null, max: 0 },
  { label: '0–9分', min: 0, max: 10 },
  { label: '10–19分', min: 10, max: 20 },
  { label: '20–49分', min: 20, max: 50 },
  { label: '50–99分', min: 50, max: 100 },
  { label: '100分及以上', min: 100, max: null },
];

export function pointsPart(ctx: Ctx, where: Where): Part {
  const $ = ctx.db.command.aggregate;
  return {
    from: Collections.pointLedger,
    build: (pipeline) =>
      pipeline
        .match({ communityId: communityCond(ctx, where), createdAt: inRange(ctx, where) })
        .group({ _id: '$userId', total: $.sum('$amount') })
        .bucket({
          groupBy: '$total',
          boundaries: [LOW, ...BUCKETS.slice(1).map((b) => b.min as number), HIGH],
          default: 'other',
          output: { members: $.sum(1) },
        }),
  };
}

export function pointsOf(list: unknown[]): Overview['points'] {
  const rows = list as Array<{ _id: number | string; members: number }>;
  return {
    buckets: BUCKETS.map((b) => ({
      ...b,
      members: rows.find((r) => r._id === (b.min ?? LOW))?.members ?? 0,
    })),
  };
}

export async function pointsFigures(ctx: Ctx, where: Where): Promise<Overview['points']> {
  return pointsOf(await runPart(ctx, pointsPart(ctx, where)));
}
