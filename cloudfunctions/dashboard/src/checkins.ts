/**
 * Check-in rate by work unit this quarter: per unit, its in-office members (member roles with
 * the unit) and how many of them checked in to at least one event this quarter (the quarter
 * roll-up's `c.ca.<unit>`). Invariants: two sub-pipelines of the overview's one aggregation —
 * the communities' units, and their member roles counted per unit by the database (never
 * carried to the function); community-wide.
 */
import type { Overview } from '../../../types/dashboard';
import { quarterOf } from '../../../types/time';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { WorkUnitDoc } from '../../_shared/documents';
import { AGGREGATE_LIMIT, communityCond, type Part, type Where } from './where';

/** The communities' work units (names). */
export function unitsPart(ctx: Ctx, where: Where): Part {
  return {
    from: Collections.workUnits,
    build: (pipeline) =>
      pipeline
        .match({ communityId: communityCond(ctx, where) })
        .project({ name: 1 })
        .limit(AGGREGATE_LIMIT),
  };
}

/** Member roles of the communities counted per work unit (by the database, on the community/kind index). */
export function membersPart(ctx: Ctx, where: Where): Part {
  const _ = ctx.db.command;
  return {
    from: Collections.roles,
    build: (pipeline) =>
      pipeline
        .match({ communityId: communityCond(ctx, where), kind: 'member', workUnitId: _.neq(null) })
        .group({ _id: '$workUnitId', n: _.aggregate.sum(1) })
        .limit(AGGREGATE_LIMIT),
  };
}

/** `checkedIn`: work unit → members who checked in this quarter (the quarter roll-ups' `c.ca`). */
export function checkinsOf(
  ctx: Ctx,
  units: unknown[],
  members: unknown[],
  checkedIn: Map<string, number>,
): Overview['checkins'] {
  const quarter = quarterOf(ctx.now());
  const count = new Map((members as Array<{ _id: string; n: number }>).map((r) => [r._id, r.n]));
  const rows = (units as Array<Pick<WorkUnitDoc, '_id' | 'name'>>).map((u) => {
    const m = count.get(u._id) ?? 0;
    const c = Math.min(checkedIn.get(u._id.replace(/\./g, '_')) ?? 0, m);
    return { workUnitId: u._id, workUnitName: u.name, members: m, checkedIn: c, rate: m === 0 ? 0 : c / m };
  });
  rows.sort((a, b) => b.rate - a.rate || a.workUnitName.localeCompare(b.workUnitName, 'zh-CN'));
  return { quarter, units: rows };
}
