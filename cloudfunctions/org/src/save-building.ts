/**
 * org.saveBuilding — creates a building (楼栋) in an estate, or edits one.
 * Invariants: admins of the community the estate (and, for an edit, the building) belongs to;
 * a building stays in its estate (moving is not supported); building names are unique within
 * their estate (CONFLICT `org.duplicate-building`); one audit entry with before/after.
 */
import type { Saved, SaveBuildingInput } from '../../../types/org';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { relabelMark } from '../../_shared/place-labels';
import type { BuildingDoc } from '../../_shared/documents';
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

  if (await existsOther(ctx, Collections.buildings, { estateId: estate._id, name: input.name }, before?._id)) {
    throw new AppError('CONFLICT', 'org.duplicate-building', `${estate.name}已有名为“${input.name}”的楼栋`);
  }

  const now = ctx.now();
  let after: BuildingDoc;
  if (before) {
    const changes = { name: input.name, partyGroupName: input.partyGroupName, updatedAt: now };
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
    summary: `${before ? '修改' : '新建'}楼栋“${estate.name} · ${after.name}”`,
    before,
    after,
  });
  return { id: after._id, updatedAt: now.toISOString() };
}
