/**
 * A work unit's quarterly service cards (服务卡): per in-office member of the unit, the events
 * checked in to, volunteer hours, wishes fulfilled and points in the quarter, and this year's
 * rating.
 * Invariants: a fixed number of database requests whatever the unit's size — members, names,
 * one aggregation over `checkins`, one over `point_ledger` (both grouped by member with `in`
 * on the member ids) and one read of the ratings by key; hours are net of reversals (a
 * reversal carries the negative hours of the entry it reverses).
 */
import type { ServiceCard, ServiceCards } from '../../../types/points';
import type { Ctx } from '../../_shared/context';
import type { WorkUnitDoc } from '../../_shared/documents';
import { LEDGER } from '../../_shared/ledger';
import { byName, unitMembers } from './members';
import { AGGREGATE_LIMIT } from './quarter';
import { ratingsByIds } from './ratings';
import { CHECKINS, ratingId, yearOfQuarter } from './store';

interface LedgerGroup {
  _id: string;
  points: number;
  hours: number;
  wishes: number;
}

export async function serviceCardsOf(ctx: Ctx, unit: WorkUnitDoc, quarter: string): Promise<ServiceCards> {
  const members = await unitMembers(ctx, unit);
  const ids = members.map((m) => m.userId);
  const year = yearOfQuarter(quarter);
  const communityId = unit.communityId;
  const memberRating = (userId: string) => ratingId(year, communityId, 'member', userId);
  const unitRatingId = ratingId(year, communityId, 'work_unit', unit._id);
  const _ = ctx.db.command;
  const $ = _.aggregate;

  const [checkins, ledger, ratings] = await Promise.all([
    ids.length === 0
      ? Promise.resolve({ data: [] as unknown[] })
      : ctx.db
          .collection(CHECKINS)
          .aggregate()
          .match({ communityId, quarter, userId: _.in(ids) })
          .group({ _id: '$userId', events: $.sum(1) })
          .limit(AGGREGATE_LIMIT)
          .end(),
    ids.length === 0
      ? Promise.resolve({ data: [] as unknown[] })
      : ctx.db
          .collection(LEDGER)
          .aggregate()
          .match({ communityId, quarter, userId: _.in(ids) })
          .group({
            _id: '$userId',
            points: $.sum('$amount'),
            hours: $.sum('$hours'),
            wishes: $.sum($.cond({ if: $.eq(['$reason', 'wish_fulfilled']), then: 1, else: 0 })),
          })
          .limit(AGGREGATE_LIMIT)
          .end(),
    ratingsByIds(ctx, [...ids.map(memberRating), unitRatingId]),
  ]);
  const events = new Map(((checkins.data ?? []) as Array<{ _id: string; events: number }>).map((r) => [r._id, r]));
  const totals = new Map(((ledger.data ?? []) as LedgerGroup[]).map((r) => [r._id, r]));

  const cards: ServiceCard[] = members
    .map((m) => {
      const t = totals.get(m.userId);
      return {
        userId: m.userId,
        userName: m.name,
        events: events.get(m.userId)?.events ?? 0,
        hours: t?.hours ?? 0,
        wishes: t?.wishes ?? 0,
        points: t?.points ?? 0,
        rating: ratings.get(memberRating(m.userId))?.grade ?? null,
      };
    })
    .sort(
      (a, b) =>
        b.points - a.points || byName({ name: a.userName, userId: a.userId }, { name: b.userName, userId: b.userId }),
    );
  return {
    workUnitId: unit._id,
    workUnitName: unit.name,
    quarter,
    cards,
    unitRating: ratings.get(unitRatingId)?.grade ?? null,
  };
}
