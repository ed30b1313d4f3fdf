/**
 * The households eligible to vote on a topic, frozen when voting opens. Invariants: a
 * household is eligible when it lies in the topic's scope (its building, or any building of
 * its estate) AND at least one person holds a resident role on it; its floor area (hundredths
 * of m²) is frozen with it, so later bindings, moves or area corrections do not change a vote
 * in progress; the list is sorted by household id. One request (the households with their roles
 * joined), whatever the size of the scope.
 */
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { HouseholdDoc, RoleDoc } from '../../_shared/documents';
import { toCents, type EligibleDoc, type TopicDoc } from './store';

/** More households than any estate has (CloudBase answers 20 aggregation rows unless told). */
const HOUSEHOLDS_MAX = 10_000;

export async function eligibleHouseholds(
  ctx: Ctx,
  topic: Pick<TopicDoc, 'communityId' | 'estateId' | 'buildingId'>,
): Promise<EligibleDoc[]> {
  return (await eligibleWithResidents(ctx, topic)).eligible;
}

/**
 * The eligible households and the people bound to them (user ids, once each, sorted), from the
 * same one request — who is told that the vote opened.
 */
export async function eligibleWithResidents(
  ctx: Ctx,
  topic: Pick<TopicDoc, 'communityId' | 'estateId' | 'buildingId'>,
): Promise<{ eligible: EligibleDoc[]; residents: string[] }> {
  const scope: Record<string, unknown> = { communityId: topic.communityId };
  if (topic.buildingId) scope.buildingId = topic.buildingId;
  else scope.estateId = topic.estateId;
  // One request: the scope's households with their roles joined (a household's few roles).
  const res = await ctx.db
    .collection(Collections.households)
    .aggregate()
    .match(scope)
    .limit(HOUSEHOLDS_MAX)
    .lookup({ from: Collections.roles, localField: '_id', foreignField: 'householdId', as: 'roles' })
    .end();
  const households = (res.data ?? []) as Array<
    Pick<HouseholdDoc, '_id' | 'floorArea'> & { roles?: Array<Pick<RoleDoc, 'kind' | 'userId'>> }
  >;
  const bound = households.filter((h) => (h.roles ?? []).some((r) => r.kind === 'resident'));
  const residents = bound.flatMap((h) => (h.roles ?? []).filter((r) => r.kind === 'resident').map((r) => r.userId));
  return {
    eligible: bound
      .map((h) => ({ h: h._id, a: toCents(h.floorArea) }))
      .sort((x, y) => (x.h < y.h ? -1 : x.h > y.h ? 1 : 0)),
    residents: [...new Set(residents)].sort(),
  };
}
