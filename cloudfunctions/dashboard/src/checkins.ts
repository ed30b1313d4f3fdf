/**
 * Check-in rate by work unit this quarter: per unit, its members (member roles with the unit:
 * the present roll-up's `c.mu.<unit>`) and how many of them checked in to at least one event
 * this quarter (the quarter roll-up's `c.ca.<unit>`). Invariants: the communities' units are a
 * sub-pipeline of the overview's one aggregation; both counts are roll-ups (no member role is
 * read); community-wide.
 */
import type { Overview } from '../../../types/dashboard';
import { quarterOf } from '../../../types/time';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { WorkUnitDoc } from '../../_shared/documents';
import { keyOf } from './rollup-model';
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

/**
 * `members`: work unit → its members (the present roll-ups' `c.mu`); `checkedIn`: work unit →
 * members who checked in this quarter (the quarter roll-ups' `c.ca`); both keyed by `keyOf`.
 */
export function checkinsOf(
  ctx: Ctx,
  units: unknown[],
  members: Map<string, number>,
  checkedIn: Map<string, number>,
): Overview['checkins'] {
  const quarter = quarterOf(ctx.now());
  const rows = (units as Array<Pick<WorkUnitDoc, '_id' | 'name'>>).map((u) => {
    const m = members.get(keyOf(u._id)) ?? 0;
    const c = Math.min(checkedIn.get(keyOf(u._id)) ?? 0, m);
    return { workUnitId: u._id, workUnitName: u.name, members: m, checkedIn: c, rate: m === 0 ? 0 : c / m };
  });
  rows.sort((a, b) => b.rate - a.rate || a.workUnitName.localeCompare(b.workUnitName, 'zh-CN'));
  return { quarter, units: rows };
}
