/**
 * org.saveHousehold — creates a household (户) in a building, or edits one (same id).
 * Invariants: admins of the building's community only; a household stays in its building
 * (moving is not supported); room numbers are unique within their building (CONFLICT
 * `org.duplicate-room`, checked first and enforced by the unique index on (buildingId, room),
 * so a concurrent duplicate is a CONFLICT too); one audit entry with before/after.
 */
import type { Saved, SaveHouseholdInput } from '../../../types/org';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { relabelMark } from '../../_shared/place-labels';
import type { HouseholdDoc } from '../../_shared/documents';
import { requireAdmin } from './access';
import { existsOther, isDuplicateWrite, mustFind, newId } from './store';

function duplicateRoom(buildingName: string, room: string): AppError {
  return new AppError('CONFLICT', 'org.duplicate-room', `${buildingName}已有房号“${room}”`);
}

export async function saveHousehold({ ctx, input }: { ctx: Ctx; input: SaveHouseholdInput }): Promise<Saved> {
  const actor = await loadActor(ctx);
  const before = input.householdId
    ? await mustFind(
        ctx,
        Collections.households,
        input.householdId,
        () => new AppError('NOT_FOUND', 'org.household-not-found', '住户不存在或已被删除'),
      )
    : null;
  if (before) requireAdmin(actor, before.communityId);
  const building = await mustFind(
    ctx,
    Collections.buildings,
    input.buildingId,
    () => new AppError('NOT_FOUND', 'org.building-not-found', '楼栋不存在或已被删除'),
  );
  const admin = requireAdmin(actor, building.communityId);
  if (before && before.buildingId !== building._id) {
    throw new AppError('VALIDATION', 'org.move-not-supported', '不支持把住户移到其他楼栋', {
      buildingId: '不支持把住户移到其他楼栋',
    });
  }
  if (await existsOther(ctx, Collections.households, { buildingId: building._id, room: input.room }, before?._id)) {
    throw duplicateRoom(building.name, input.room);
  }

  const now = ctx.now();
  const fields = { room: input.room, floorArea: input.floorArea, isPartyCenter: input.isPartyCenter, updatedAt: now };
  const after: HouseholdDoc = before
    ? { ...before, ...fields }
    : {
        _id: newId('hh'),
        communityId: building.communityId,
        estateId: building.estateId,
        buildingId: building._id,
        ...fields,
        createdAt: now,
      };
  try {
    if (before) {
      const mark = before.room === input.room ? {} : relabelMark(ctx);
      await ctx.db
        .collection(Collections.households)
        .doc(before._id)
        .update({ ...fields, ...mark });
    } else await ctx.db.collection(Collections.households).add(after);
  } catch (error) {
    if (isDuplicateWrite(error)) throw duplicateRoom(building.name, input.room);
    throw error;
  }
  await writeAudit(ctx, admin, {
    communityId: after.communityId,
    action: 'org.saveHousehold',
    targetKind: 'household',
    targetId: after._id,
    summary: `${before ? '修改' : '新建'}住户“${building.name} · ${after.room}”`,
    before,
    after,
  });
  return { id: after._id, updatedAt: now.toISOString() };
}
