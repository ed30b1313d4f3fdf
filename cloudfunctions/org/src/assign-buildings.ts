/**
 * org.assignBuildings — puts buildings of a community into one of its 网格 (grids).
 * Invariants: admins of the grid's community only (the community stored on the grid decides);
 * every building named exists (NOT_FOUND `org.building-not-found`) and is in the grid's
 * community (VALIDATION `org.community-mismatch`), else nothing is written; a building has one
 * `gridId`, so moving it here takes it out of the grid it was in — every building stays in
 * exactly one grid (or, never assigned, in none: "未划分网格"); the write is one update of the
 * named buildings (idempotent, so a retry after a crash finishes it); one audit entry with each
 * building's grid before and after.
 * Requests: the caller, the grid, the buildings (one `_.in` read), the update, the audit.
 */
import type { AssignBuildingsInput, Saved } from '../../../types/org';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getByIds } from '../../_shared/db-helpers';
import { communityMismatch, requireAdmin } from './access';
import { byName, mustFind } from './store';

export async function assignBuildings({ ctx, input }: { ctx: Ctx; input: AssignBuildingsInput }): Promise<Saved> {
  const actor = await loadActor(ctx);
  const grid = await mustFind(
    ctx,
    Collections.grids,
    input.gridId,
    () => new AppError('NOT_FOUND', 'org.grid-not-found', '网格不存在或已被删除'),
  );
  const admin = requireAdmin(actor, grid.communityId);
  const ids = [...new Set(input.buildingIds)];
  const found = await getByIds(ctx, Collections.buildings, ids);
  if (found.size !== ids.length) {
    throw new AppError('NOT_FOUND', 'org.building-not-found', '楼栋不存在或已被删除');
  }
  const buildings = [...found.values()].sort((a, b) => byName(a.name, b.name));
  if (buildings.some((b) => b.communityId !== grid.communityId)) throw communityMismatch();

  const now = ctx.now();
  const _ = ctx.db.command;
  await ctx.db
    .collection(Collections.buildings)
    .where({ _id: _.in(ids) })
    .update({ gridId: grid._id, updatedAt: now });
  const moved = buildings.filter((b) => b.gridId !== grid._id);
  await writeAudit(ctx, admin, {
    communityId: grid.communityId,
    action: 'org.assignBuildings',
    targetKind: 'grid',
    targetId: grid._id,
    summary: `把${buildings.map((b) => b.name).join('、')}划入网格“${grid.name}”${moved.length < buildings.length ? `（其中${buildings.length - moved.length}栋原已在该网格）` : ''}`,
    before: buildings.map((b) => ({ buildingId: b._id, gridId: b.gridId ?? null })),
    after: buildings.map((b) => ({ buildingId: b._id, gridId: grid._id })),
  });
  return { id: grid._id, updatedAt: now.toISOString() };
}
