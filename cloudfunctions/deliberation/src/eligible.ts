/**
 * The households eligible to vote on a topic, frozen when voting opens. Invariants: a
 * household is eligible when it lies in the topic's scope (its building, or any building of
 * its estate) AND at least one person holds a resident role on it; its floor area (hundredths
 * of m²) is frozen with it, so later bindings, moves or area corrections do not change a vote
 * in progress; the list is sorted by household id.
 */
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getAll } from '../../_shared/db-helpers';
import type { HouseholdDoc, RoleDoc } from '../../_shared/documents';
import { toCents, type EligibleDoc, type TopicDoc } from './store';

export async function eligibleHouseholds(
  ctx: Ctx,
  topic: Pick<TopicDoc, 'communityId' | 'estateId' | 'buildingId'>,
): Promise<EligibleDoc[]> {
  const scope: Record<string, unknown> = { communityId: topic.communityId };
  if (topic.buildingId) scope.buildingId = topic.buildingId;
  else scope.estateId = topic.estateId;
  const [households, roles] = await Promise.all([
    getAll<Pick<HouseholdDoc, '_id' | 'floorArea'>>(
      ctx.db.collection(Collections.households).where(scope).field({ _id: true, floorArea: true }),
    ),
    getAll<Pick<RoleDoc, '_id' | 'householdId'>>(
      ctx.db
        .collection(Collections.roles)
        .where({ ...scope, kind: 'resident' })
        .field({ _id: true, householdId: true }),
    ),
  ]);
  const lived = new Set(roles.map((r) => r.householdId));
  return households
    .filter((h) => lived.has(h._id))
    .map((h) => ({ h: h._id, a: toCents(h.floorArea) }))
    .sort((x, y) => (x.h < y.h ? -1 : x.h > y.h ? 1 : 0));
}
