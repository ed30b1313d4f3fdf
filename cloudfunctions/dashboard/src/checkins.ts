/**
 * Check-in rate by work unit this quarter: per unit, its in-office members (member roles with
 * the unit) and how many of them checked in to at least one event this quarter.
 * Invariants: three requests — members per unit (an aggregation over roles), members who
 * checked in per unit (checkins grouped by member, joined to their member role, grouped by
 * unit) and the units' names; community-wide (members are not placed in buildings here).
 */
import type { Overview } from '../../../types/dashboard';
import { quarterOf } from '../../../types/time';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { WorkUnitDoc } from '../../_shared/documents';
import { AGGREGATE_LIMIT, communityCond, type Where } from './where';

export async function checkinFigures(ctx: Ctx, where: Where): Promise<Overview['checkins']> {
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const quarter = quarterOf(ctx.now());
  const cc = communityCond(ctx, where);
  const [members, active, units] = await Promise.all([
    ctx.db
      .collection(Collections.roles)
      .aggregate()
      .match({ communityId: cc, kind: 'member', workUnitId: _.neq(null) })
      .group({ _id: '$workUnitId', n: $.sum(1) })
      .limit(AGGREGATE_LIMIT)
      .end(),
    ctx.db
      .collection(Collections.checkins)
      .aggregate()
      .match({ communityId: cc, quarter })
      .group({ _id: '$userId' })
      .lookup({ from: Collections.roles, localField: '_id', foreignField: 'userId', as: 'r' })
      .unwind('$r')
      .match({ 'r.kind': 'member', 'r.communityId': cc, 'r.workUnitId': _.neq(null) })
      .group({ _id: '$r.workUnitId', n: $.sum(1) })
      .limit(AGGREGATE_LIMIT)
      .end(),
    ctx.db
      .collection(Collections.workUnits)
      .where({ communityId: cc })
      .field({ _id: true, name: true })
      .limit(1000)
      .get(),
  ]);
  const count = (res: { data?: unknown }) =>
    new Map(((res.data ?? []) as Array<{ _id: string; n: number }>).map((r) => [r._id, r.n]));
  const memberCount = count(members);
  const activeCount = count(active);
  const rows = ((units.data ?? []) as Pick<WorkUnitDoc, '_id' | 'name'>[]).map((u) => {
    const m = memberCount.get(u._id) ?? 0;
    const c = Math.min(activeCount.get(u._id) ?? 0, m);
    return { workUnitId: u._id, workUnitName: u.name, members: m, checkedIn: c, rate: m === 0 ? 0 : c / m };
  });
  rows.sort((a, b) => b.rate - a.rate || a.workUnitName.localeCompare(b.workUnitName, 'zh-CN'));
  return { quarter, units: rows };
}
