/**
 * Check-in rate by work unit this quarter: per unit, its in-office members (member roles with
 * the unit) and how many of them checked in to at least one event this quarter.
 * Invariants: two aggregations — the units with their member counts (each unit's roles joined
 * and the member roles of the communities summed counted), members who checked in per unit (checkins
 * grouped by member, joined to their member role, grouped by unit); community-wide (members are not placed in buildings here).
 */
import type { Overview } from '../../../types/dashboard';
import { quarterOf } from '../../../types/time';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { WorkUnitDoc } from '../../_shared/documents';
import { AGGREGATE_LIMIT, communityCond, runPart, type Part, type Where } from './where';

/** The units with their member count: each unit's roles joined, the member roles counted. */
export function unitsPart(ctx: Ctx, where: Where): Part {
  const $ = ctx.db.command.aggregate;
  return {
    from: Collections.workUnits,
    build: (pipeline) =>
      pipeline
        .match({ communityId: communityCond(ctx, where) })
        .limit(AGGREGATE_LIMIT)
        .lookup({ from: Collections.roles, localField: '_id', foreignField: 'workUnitId', as: 'r' })
        .project({
          name: 1,
          n: $.size(
            $.filter({
              input: '$r',
              as: 'x',
              cond: $.and([$.eq(['$$x.kind', 'member']), $.in(['$$x.communityId', where.communityIds])]),
            }),
          ),
        }),
  };
}

/** Members who checked in this quarter, per unit. */
export function activePart(ctx: Ctx, where: Where): Part {
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const cc = communityCond(ctx, where);
  const quarter = quarterOf(ctx.now());
  return {
    from: Collections.checkins,
    build: (pipeline) =>
      pipeline
        .match({ communityId: cc, quarter })
        .group({ _id: '$userId' })
        .lookup({ from: Collections.roles, localField: '_id', foreignField: 'userId', as: 'r' })
        .unwind('$r')
        .match({ 'r.kind': 'member', 'r.communityId': cc, 'r.workUnitId': _.neq(null) })
        .group({ _id: '$r.workUnitId', n: $.sum(1) })
        .limit(AGGREGATE_LIMIT),
  };
}

export async function checkinFigures(ctx: Ctx, where: Where): Promise<Overview['checkins']> {
  const [units, active] = await Promise.all([
    runPart(ctx, unitsPart(ctx, where)),
    runPart(ctx, activePart(ctx, where)),
  ]);
  return checkinsOf(ctx, units, active);
}

export function checkinsOf(ctx: Ctx, units: unknown[], active: unknown[]): Overview['checkins'] {
  const quarter = quarterOf(ctx.now());
  const activeCount = new Map((active as Array<{ _id: string; n: number }>).map((r) => [r._id, r.n]));
  const rows = (units as Array<Pick<WorkUnitDoc, '_id' | 'name'> & { n: number }>).map((u) => {
    const m = u.n;
    const c = Math.min(activeCount.get(u._id) ?? 0, m);
    return { workUnitId: u._id, workUnitName: u.name, members: m, checkedIn: c, rate: m === 0 ? 0 : c / m };
  });
  rows.sort((a, b) => b.rate - a.rate || a.workUnitName.localeCompare(b.workUnitName, 'zh-CN'));
  return { quarter, units: rows };
}
