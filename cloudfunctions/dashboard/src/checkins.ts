/**
 * Check-in rate by work unit this quarter: per unit, its in-office members (member roles with
 * the unit) and how many of them checked in to at least one event this quarter (the quarter
 * roll-up's `c.ca.<unit>`). Invariants: one aggregation — the communities' units with their
 * member roles joined (indexed by unit) and counted; community-wide.
 */
import type { Overview } from '../../../types/dashboard';
import { quarterOf } from '../../../types/time';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { WorkUnitDoc } from '../../_shared/documents';
import { AGGREGATE_LIMIT, communityCond, type Part, type Where } from './where';

/** The units with their member counts (member roles of the communities summed). */
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

/** `checkedIn`: work unit → members who checked in this quarter (the quarter roll-ups' `c.ca`). */
export function checkinsOf(ctx: Ctx, units: unknown[], checkedIn: Map<string, number>): Overview['checkins'] {
  const quarter = quarterOf(ctx.now());
  const rows = (units as Array<Pick<WorkUnitDoc, '_id' | 'name'> & { n: number }>).map((u) => {
    const m = u.n;
    const c = Math.min(checkedIn.get(u._id.replace(/\./g, '_')) ?? 0, m);
    return { workUnitId: u._id, workUnitName: u.name, members: m, checkedIn: c, rate: m === 0 ? 0 : c / m };
  });
  rows.sort((a, b) => b.rate - a.rate || a.workUnitName.localeCompare(b.workUnitName, 'zh-CN'));
  return { quarter, units: rows };
}
