/**
 * Registration figures (报到): registrations submitted in the range by status, and the backlog
 * (everything pending now, with the oldest). Invariants: one aggregation (registrations of the
 * range or pending, both figures summed in one group); the drill-down joins each registration's
 * household (`$lookup`) and narrows on its estate/building.
 */
import type { Overview } from '../../../types/dashboard';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { communityCond, inRange, placeCond, type Where } from './where';

/** Later than any stored time: the `$min` of a group with no pending registration. */
const NEVER = new Date('9999-01-01T00:00:00Z');
const ORDER = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

export async function registrationFigures(ctx: Ctx, where: Where): Promise<Overview['registrations']> {
  const _ = ctx.db.command;
  const $ = _.aggregate;
  let agg = ctx.db
    .collection(Collections.registrations)
    .aggregate()
    .match({ communityId: communityCond(ctx, where) })
    .match(_.or([{ createdAt: inRange(ctx, where) }, { status: 'pending' }]));
  if (where.estateId) {
    agg = agg
      .lookup({ from: Collections.households, localField: 'householdId', foreignField: '_id', as: 'hh' })
      .match(placeCond(where, 'hh.'));
  }
  const inWindow = $.and([$.gte(['$createdAt', where.start]), $.lt(['$createdAt', where.end])]);
  const isPending = $.eq(['$status', 'pending']);
  const counts = Object.fromEntries(
    ORDER.map((key) => [key, $.sum($.cond({ if: $.and([inWindow, $.eq(['$status', key])]), then: 1, else: 0 }))]),
  );
  const res = await agg
    .group({
      _id: null,
      ...counts,
      backlog: $.sum($.cond({ if: isPending, then: 1, else: 0 })),
      oldest: $.min($.cond({ if: isPending, then: '$createdAt', else: NEVER })),
    })
    .end();
  const row = ((res.data ?? []) as Array<Record<string, unknown>>)[0] ?? {};
  const oldest = row['oldest'] as Date | string | undefined;
  const oldestAt = oldest ? new Date(oldest) : null;
  return {
    byStatus: ORDER.map((key) => ({ key, count: Number(row[key] ?? 0) })),
    pending: Number(row['backlog'] ?? 0),
    oldestPendingAt: oldestAt && oldestAt.getTime() < NEVER.getTime() ? oldestAt.toISOString() : null,
  };
}
