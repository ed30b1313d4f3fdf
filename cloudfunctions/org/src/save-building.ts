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
 * Requests: the caller with the building, the estate, the grid and the estate's buildings of that
 * name (one aggregation), the write, the audit entry — 3 (docs/adr/0017).
 */
import type { Saved, SaveBuildingInput } from '../../../types/org';
import { AppError } from '../../../types/errors';
import { callerJoined, type Actor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { relabelMark } from '../../_shared/place-labels';
import { getById } from '../../_shared/db-helpers';
import type { BuildingDoc, EstateDoc, GridDoc } from '../../_shared/documents';
import { requireAdmin } from './access';
import { existsOther, newId } from './store';

/** What a save reads besides the caller: the building (an edit), its estate, the grid named, the same names. */
interface Read {
  before: BuildingDoc | null;
  estate: EstateDoc | null;
  grid: GridDoc | null;
  /** Ids of the buildings of the estate with the new name (null: not read — the caller is refused first). */
  sameName: string[] | null;
}

/**
 * The caller with the building, the estate, the grid and the buildings of the estate named the
 * same, in ONE request (sub-pipelines by id and by the unique name's fields). A caller without
 * a profile gets the same refusals in the same order through separate reads.
 */
async function readForSave(ctx: Ctx, input: SaveBuildingInput): Promise<{ actor: Actor; read: Read }> {
  const $ = ctx.db.command.aggregate;
  const byId = (id: string) => $.pipeline().match({ _id: id }).limit(1).done();
  const { actor, joined } = await callerJoined(ctx, (query) => {
    let q = query;
    if (input.buildingId)
      q = q.lookup({ from: Collections.buildings, pipeline: byId(input.buildingId), as: '_building' });
    if (input.gridId) q = q.lookup({ from: Collections.grids, pipeline: byId(input.gridId), as: '_grid' });
    return q.lookup({ from: Collections.estates, pipeline: byId(input.estateId), as: '_estate' }).lookup({
      from: Collections.buildings,
      pipeline: $.pipeline().match({ estateId: input.estateId, name: input.name }).limit(2).project({ _id: 1 }).done(),
      as: '_sameName',
    });
  });
  const first = <T>(key: string) => ((joined?.[key] as T[] | undefined) ?? [])[0] ?? null;
  if (joined) {
    return {
      actor,
      read: {
        before: first<BuildingDoc>('_building'),
        estate: first<EstateDoc>('_estate'),
        grid: first<GridDoc>('_grid'),
        sameName: ((joined._sameName as Array<{ _id: string }> | undefined) ?? []).map((d) => d._id),
      },
    };
  }
  const before = input.buildingId ? await getById(ctx, Collections.buildings, input.buildingId) : null;
  const estate = await getById(ctx, Collections.estates, input.estateId);
  return { actor, read: { before, estate, grid: null, sameName: null } };
}

export async function saveBuilding({ ctx, input }: { ctx: Ctx; input: SaveBuildingInput }): Promise<Saved> {
  const { actor, read } = await readForSave(ctx, input);
  if (input.buildingId && !read.before) {
    throw new AppError('NOT_FOUND', 'org.building-not-found', '楼栋不存在或已被删除');
  }
  const before = read.before;
  if (before) requireAdmin(actor, before.communityId);
  const estate = read.estate;
  if (!estate) throw new AppError('NOT_FOUND', 'org.estate-not-found', '小区不存在或已被删除');
  const admin = requireAdmin(actor, estate.communityId);
  if (before && before.estateId !== estate._id) {
    throw new AppError('VALIDATION', 'org.move-not-supported', '不支持把楼栋移到其他小区', {
      estateId: '不支持把楼栋移到其他小区',
    });
  }

  const grid = input.gridId ? read.grid : null;
  if (input.gridId && grid?.communityId !== estate.communityId) {
    throw new AppError('NOT_FOUND', 'org.grid-not-found', '网格不存在或不属于本社区', { gridId: '请选择本社区的网格' });
  }

  const taken = read.sameName
    ? read.sameName.some((id) => id !== before?._id)
    : await existsOther(ctx, Collections.buildings, { estateId: estate._id, name: input.name }, before?._id);
  if (taken) {
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
