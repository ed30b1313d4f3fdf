/**
 * A work unit's quarterly service cards (服务卡): per in-office member of the unit, the events
 * checked in to, volunteer hours, wishes fulfilled and points in the quarter, and this year's
 * rating.
 * Invariants: three database requests whatever the unit's size — the unit with its community,
 * its roles, their users and this year's ratings joined (`unitForCards`, one aggregation), then
 * one aggregation over `checkins` and one over `point_ledger` (both grouped by member with `in`
 * on the member ids); only the unit's in-office members in the unit's own community are
 * listed; hours are net of reversals (a reversal carries the negative hours of the entry it
 * reverses).
 */
import type { Grade, ServiceCard, ServiceCards } from '../../../types/points';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { CommunityDoc, WorkUnitDoc } from '../../_shared/documents';
import { byName, toMember, type JoinedRole, type Member } from './members';
import { AGGREGATE_LIMIT } from './quarter';
import { ratingId, yearOfQuarter, type RatingDoc } from './store';
import { getByIdWith } from '../../_shared/db-helpers';

/** A work unit as its service cards need it. */
export interface UnitForCards {
  unit: Pick<WorkUnitDoc, '_id' | 'name' | 'communityId'>;
  communityName: string;
  /** The unit's in-office members in the unit's community. */
  members: Member[];
  /** This year's ratings of the unit and of its members, by rating id. */
  ratings: Map<string, Grade>;
}

type JoinedUnit = Pick<WorkUnitDoc, '_id' | 'name' | 'communityId'> & {
  _community?: Array<Pick<CommunityDoc, 'name'>>;
  _roles?: Array<JoinedRole & { kind: string }>;
  _users?: Array<{ _id: string; name: string }>;
  _ratings?: Array<Pick<RatingDoc, '_id' | 'grade'>>;
};

/**
 * The unit with its community's name, its roles with their users, and the year's ratings of the
 * unit and of each of those people, in ONE request (each join by `_id`, except the unit's roles
 * by `workUnitId`); null when there is no such unit.
 */
export async function unitForCards(ctx: Ctx, workUnitId: string, quarter: string): Promise<UnitForCards | null> {
  const $ = ctx.db.command.aggregate;
  const year = yearOfQuarter(quarter);
  // Rating ids are `<year>:<communityId>:<target>:<targetId>` (store.ts `ratingId`).
  const ratingIdOf = (target: string, targetId: unknown) =>
    $.concat([`${year}:`, '$communityId', `:${target}:`, targetId]);
  const row = await getByIdWith<JoinedUnit>(ctx, Collections.workUnits, workUnitId, (one) =>
    one
      .lookup({ from: Collections.communities, localField: 'communityId', foreignField: '_id', as: '_community' })
      .lookup({ from: Collections.roles, localField: '_id', foreignField: 'workUnitId', as: '_roles' })
      .lookup({ from: Collections.users, localField: '_roles.userId', foreignField: '_id', as: '_users' })
      .addFields({
        _ratingIds: $.concatArrays([
          [ratingIdOf('work_unit', '$_id')],
          $.map({ input: '$_roles', as: 'r', in: ratingIdOf('member', '$$r.userId') }),
        ]),
      })
      .lookup({ from: Collections.ratings, localField: '_ratingIds', foreignField: '_id', as: '_ratings' })
      .project({
        name: 1,
        communityId: 1,
        '_community.name': 1,
        '_roles.kind': 1,
        '_roles.userId': 1,
        '_roles.memberType': 1,
        '_roles.workUnitId': 1,
        '_roles.communityId': 1,
        '_users._id': 1,
        '_users.name': 1,
        '_ratings._id': 1,
        '_ratings.grade': 1,
      }),
  );
  if (!row) return null;
  const { _community, _roles = [], _users = [], _ratings = [], ...unit } = row;
  const names = new Map(_users.map((u) => [u._id, u]));
  const members = _roles
    .filter((r) => r.kind === 'member' && r.memberType === 'in_office' && r.communityId === unit.communityId)
    .map((r) => toMember({ ...r, _user: names.has(r.userId) ? [names.get(r.userId)!] : [], _unit: [unit] }));
  return {
    unit,
    communityName: _community?.[0]?.name ?? unit.communityId,
    members,
    ratings: new Map(_ratings.map((r) => [r._id, r.grade])),
  };
}

interface LedgerGroup {
  _id: string;
  points: number;
  hours: number;
  wishes: number;
}

export async function serviceCardsOf(ctx: Ctx, found: UnitForCards, quarter: string): Promise<ServiceCards> {
  const { unit, members, ratings } = found;
  const ids = members.map((m) => m.userId);
  const year = yearOfQuarter(quarter);
  const communityId = unit.communityId;
  const memberRating = (userId: string) => ratingId(year, communityId, 'member', userId);
  const unitRatingId = ratingId(year, communityId, 'work_unit', unit._id);
  const _ = ctx.db.command;
  const $ = _.aggregate;

  const [checkins, ledger] = await Promise.all([
    ids.length === 0
      ? Promise.resolve({ data: [] as unknown[] })
      : ctx.db
          .collection(Collections.checkins)
          .aggregate()
          .match({ communityId, quarter, userId: _.in(ids) })
          .group({ _id: '$userId', events: $.sum(1) })
          .limit(AGGREGATE_LIMIT)
          .end(),
    ids.length === 0
      ? Promise.resolve({ data: [] as unknown[] })
      : ctx.db
          .collection(Collections.pointLedger)
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
        rating: ratings.get(memberRating(m.userId)) ?? null,
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
    unitRating: ratings.get(unitRatingId) ?? null,
  };
}
