/**
 * Registration figures (报到): registrations submitted in the range by status, and the backlog
 * (everything pending now, with the oldest). Invariants: one aggregation (registrations of the
 * range or pending, both figures summed in one group); the drill-down joins each registration's
 * household (`$lookup`) and narrows on its estate/building.
 */
import type { Overview } from '../../../types/dashboard';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { communityCond, inRange, placeCond, runPart, type Part, type Where } from './where';

/** Later than any stored time: the `$min` of a group with no pending registration. */
const NEVER = new Date('9999-01-01T00:00:00Z');
const ORDER = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

export function registrationPart(ctx: Ctx, where: Where): Part {
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const inWindow = $.and([$.gte(['$createdAt', where.start]), $.lt(['$createdAt', where.end])]);
  const isPending = $.eq(['$status', 'pending']);
  const counts = Object.fromEntries(
    ORDER.map((key) => [key, $.sum($.cond({ if: $.and([inWindow, $.eq(['$status', key])]), then: 1, else: 0 }))]),
  );
  return {
    from: Collections.registrations,
    build: (pipeline) => {
      let agg = pipeline
        .match({ communityId: communityCond(ctx, where) })
        .match(_.or([{ createdAt: inRange(ctx, where) }, { status: 'pending' }]));
      if (where.estateId) {
        agg = agg
          .lookup({ from: Collections.households, localField: 'householdId', foreignField: '_id', as: 'hh' })
          .match(placeCond(where, 'hh.'));
      }
      return agg.group({
        _id: null,
        ...counts,
        backlog: $.sum($.cond({ if: isPending, then: 1, else: 0 })),
        oldest: $.min($.cond({ if: isPending, then: '$createdAt', else: NEVER })),
      });
    },
  };
}

export function registrationsOf(rows: unknown[]): Overview['registrations'] {
  const row = (rows as Array<Record<string, unknown>>)[0] ?? {};
  const oldest = row['oldest'] as Date | string | undefined;
  const oldestAt = oldest ? new Date(oldest) : null;
  return {
    byStatus: ORDER.map((key) => ({ key, count: Number(row[key] ?? 0) })),
    pending: Number(row['backlog'] ?? 0),
    oldestPendingAt: oldestAt && oldestAt.getTime() < NEVER.getTime() ? oldestAt.toISOString() : null,
  };
}

export async function registrationFigures(ctx: Ctx, where: Where): Promise<Overview['registrations']> {
  return registrationsOf(await runPart(ctx, registrationPart(ctx, where)));
}
