/**
 * org.saveBuilding — creates a building (楼栋) in an estate, or edits one.
 * Invariants: admins of the community the estate (and, for an edit, the building) belongs to;
 * a building stays in its estate (moving is not supported); building names are unique within
 * their estate (CONFLICT `org.duplicate-building`); with `gridId` the building is put in that
 * 网格, which must be a grid of the building's community (NOT_FOUND `org.grid-not-found`
 * otherwise — a grid of another community is not told apart from a missing one), and leaves the
 * grid it was in (a building has one `gridId`: exactly one grid); without it the grid is
 * unchanged (a new building is in none: 未划分网格); one audit entry with before/after (the
 * grid included). A refusal writes nothing.
 */
import type { Saved, SaveBuildingInput } from '../../../types/org';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { relabelMark } from '../../_shared/place-labels';
import { getById } from '../../_shared/db-helpers';
import type { BuildingDoc, GridDoc } from '../../_shared/documents';
import { requireAdmin } from './access';
import { existsOther, mustFind, newId } from './store';

export async function saveBuilding({ ctx, input }: { ctx: Ctx; input: SaveBuildingInput }): Promise<Saved> {
  const actor = await loadActor(ctx);
  const before = input.buildingId
    ? await mustFind(
        ctx,
        Collections.buildings,
        input.buildingId,
        () => new AppError('NOT_FOUND', 'org.building-not-found', '楼栋不存在或已被删除'),
      )
    : null;
  if (before) requireAdmin(actor, before.communityId);
  const estate = await mustFind(
    ctx,
    Collections.estates,
    input.estateId,
    () => new AppError('NOT_FOUND', 'org.estate-not-found', '小区不存在或已被删除'),
  );
  const admin = requireAdmin(actor, estate.communityId);
  if (before && before.estateId !== estate._id) {
    throw new AppError('VALIDATION', 'org.move-not-supported', '不支持把楼栋移到其他小区', {
      estateId: '不支持把楼栋移到其他小区',
    });
  }

  const grid: GridDoc | null = input.gridId ? await getById(ctx, Collections.grids, input.gridId) : null;
  if (input.gridId && grid?.communityId !== estate.communityId) {
    throw new AppError('NOT_FOUND', 'org.grid-not-found', '网格不存在或不属于本社区', { gridId: '请选择本社区的网格' });
  }

  if (await existsOther(ctx, Collections.buildings, { estateId: estate._id, name: input.name }, before?._id)) {
    throw new AppError('CONFLICT', 'org.duplicate-building', `${estate.name}已有名为“${input.name}”的楼栋`);
  }

  const now = ctx.now();
  let after: BuildingDoc;
  if (before) {
    const changes = {
      name: input.name,
      partyGroupName: input.partyGroupName,
      ...(grid ? { gridId: grid._id } : {}),
      updatedAt: now,
    };
    const mark = before.name === input.name ? {} : relabelMark(ctx);
    await ctx.db
      .collection(Collections.buildings)
      .doc(before._id)
      .update({ ...changes, ...mark });
    after = { ...before, ...changes };
  } else {
    after = {
      _id: newId('bld'),
      communityId: estate.communityId,
      estateId: estate._id,
      name: input.name,
      partyGroupName: input.partyGroupName,
      ...(grid ? { gridId: grid._id } : {}),
      createdAt: now,
      updatedAt: now,
    };
    await ctx.db.collection(Collections.buildings).add(after);
  }
  await writeAudit(ctx, admin, {
    communityId: after.communityId,
    action: 'org.saveBuilding',
    targetKind: 'building',
    targetId: after._id,
    summary: `${before ? '修改' : '新建'}楼栋“${estate.name} · ${after.name}”${grid && grid._id !== before?.gridId ? `，划入网格“${grid.name}”` : ''}`,
    before,
    after,
  });
  return { id: after._id, updatedAt: now.toISOString() };
}
