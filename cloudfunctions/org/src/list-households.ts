/**
 * org.listHouseholds — a building's households in room order.
 * Invariants: needs a WeChat identity, no profile; writes nothing; floor area, 党员中心户 and
 * the estate/community ids only for admins of the building's community and leaders of the
 * building (or of its estate), and the 网格员/网格长 of the building's grid (inside their grid
 * only) — everyone else, a grid worker of another grid too, gets { id, buildingId, room }.
 */
import { AppError } from '../../../types/errors';
import type { ListHouseholdsInput, ListHouseholdsResult } from '../../../types/org';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { BuildingDoc, HouseholdDoc } from '../../_shared/documents';
import { byName } from './store';
import { toHousehold, toHouseholdPublic } from './views';
import { getByIdWith } from '../../_shared/db-helpers';

export async function listHouseholds({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ListHouseholdsInput;
}): Promise<ListHouseholdsResult> {
  const actor = await loadActor(ctx);
  // The building with its households joined: one request, however many households it has.
  const row = await getByIdWith<BuildingDoc & { households: HouseholdDoc[] }>(
    ctx,
    Collections.buildings,
    input.buildingId,
    (one) =>
      one.lookup({ from: Collections.households, localField: '_id', foreignField: 'buildingId', as: 'households' }),
  );
  if (!row) throw new AppError('NOT_FOUND', 'org.building-not-found', '楼栋不存在或已被删除');
  const { households, ...building } = row;
  const full = actor.isAdminOf(building.communityId) || actor.leadsBuilding(building) || actor.worksGridOf(building);
  return {
    items: households.sort((a, b) => byName(a.room, b.room)).map((h) => (full ? toHousehold(h) : toHouseholdPublic(h))),
  };
}
