/**
 * org.listHouseholds — a building's households in room order.
 * Invariants: needs a WeChat identity, no profile; writes nothing; floor area, 党员中心户 and
 * the estate/community ids only for admins of the building's community and leaders of the
 * building (or of its estate) — everyone else gets { id, buildingId, room }.
 */
import type { ListHouseholdsInput, ListHouseholdsResult } from '../../../types/org';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { BuildingDoc, HouseholdDoc } from '../../_shared/documents';
import { byName, mustFind, readAll } from './store';
import { toHousehold, toHouseholdPublic } from './views';

export async function listHouseholds({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ListHouseholdsInput;
}): Promise<ListHouseholdsResult> {
  const actor = await loadActor(ctx);
  const building = await mustFind<BuildingDoc>(ctx, Collections.buildings, input.buildingId, {
    key: 'building',
    label: '楼栋',
  });
  const households = await readAll<HouseholdDoc>(ctx, Collections.households, { buildingId: building._id });
  const full = actor.isAdminOf(building.communityId) || actor.leadsBuilding(building);
  return {
    items: households.sort((a, b) => byName(a.room, b.room)).map((h) => (full ? toHousehold(h) : toHouseholdPublic(h))),
  };
}
