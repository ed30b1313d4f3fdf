/**
 * Registration figures (报到): registrations submitted in the range by status, and the backlog
 * (everything pending now, with the oldest). Invariants: two aggregations; the drill-down joins
 * each registration's household (`$lookup`) and narrows on its estate/building.
 */
import type { Overview } from '../../../types/dashboard';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { AGGREGATE_LIMIT, communityCond, inRange, placeCond, type Where } from './where';

function pipeline(ctx: Ctx, where: Where, match: Record<string, unknown>) {
  let agg = ctx.db
    .collection(Collections.registrations)
    .aggregate()
    .match({ communityId: communityCond(ctx, where), ...match });
  if (where.estateId) {
    agg = agg
      .lookup({ from: Collections.households, localField: 'householdId', foreignField: '_id', as: 'hh' })
      .match(placeCond(where, 'hh.'));
  }
  return agg;
}

export async function registrationFigures(ctx: Ctx, where: Where): Promise<Overview['registrations']> {
  const $ = ctx.db.command.aggregate;
  const [byStatus, backlog] = await Promise.all([
    pipeline(ctx, where, { createdAt: inRange(ctx, where) })
      .group({ _id: '$status', count: $.sum(1) })
      .limit(AGGREGATE_LIMIT)
      .end(),
    pipeline(ctx, where, { status: 'pending' })
      .group({ _id: null, count: $.sum(1), oldest: $.min('$createdAt') })
      .end(),
  ]);
  const order = ['pending', 'approved', 'rejected', 'withdrawn'];
  const rows = (byStatus.data ?? []) as Array<{ _id: string; count: number }>;
  const pending = ((backlog.data ?? []) as Array<{ count: number; oldest: Date | string | null }>)[0];
  return {
    byStatus: order.map((key) => ({ key, count: rows.find((r) => r._id === key)?.count ?? 0 })),
    pending: pending?.count ?? 0,
    oldestPendingAt: pending?.oldest ? new Date(pending.oldest).toISOString() : null,
  };
}
