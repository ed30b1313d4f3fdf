/**
 * org.saveGrid — creates a 网格 (grid) in a community, or renames one.
 * Invariants: admins of the grid's community only (for a rename, the community stored on the
 * grid decides; naming another community is refused as VALIDATION `org.community-mismatch`);
 * grid names are unique within their community (CONFLICT `org.duplicate-grid`, and a unique
 * index on (communityId, name) behind it); a rename also relabels the 网格员/网格长 roles of the
 * grid (their `scopeLabel` is the grid's name) — idempotent, so a retry after a crash finishes
 * it; one audit entry with before/after. A refusal writes nothing.
 * Requests: the caller with the grid and the community (one aggregation), the name's uniqueness,
 * the write, the roles' relabel (a rename), the audit entry: 5 for a rename, 4 for a new grid.
 */
import type { Saved, SaveGridInput } from '../../../types/org';
import { AppError } from '../../../types/errors';
import { callerJoined } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { CommunityDoc, GridDoc, UserDoc } from '../../_shared/documents';
import { communityMismatch, requireAdmin, requireSaver } from './access';
import { existsOther, isDuplicateWrite, mustFind, newId } from './store';

function duplicate(name: string): AppError {
  return new AppError('CONFLICT', 'org.duplicate-grid', `本社区已有名为“${name}”的网格`);
}

export async function saveGrid({ ctx, input }: { ctx: Ctx; input: SaveGridInput }): Promise<Saved> {
  // The grid and the community join the caller's read (sub-pipelines by id), so knowing who
  // calls and what they name is one request.
  const $ = ctx.db.command.aggregate;
  const byId = (id: string) => $.pipeline().match({ _id: id }).limit(1).done();
  const { actor, joined } = await callerJoined(ctx, (query) =>
    (input.gridId
      ? query.lookup({ from: Collections.grids, pipeline: byId(input.gridId), as: '_grid' })
      : query
    ).lookup({ from: Collections.communities, pipeline: byId(input.communityId), as: '_community' }),
  );
  const gridNotFound = () => new AppError('NOT_FOUND', 'org.grid-not-found', '网格不存在或已被删除');
  let before: GridDoc | null;
  let admin: UserDoc;
  if (!joined) {
    // No profile: the refusals come in the same order as for anyone (the grid, then the admin).
    before = input.gridId ? await mustFind(ctx, Collections.grids, input.gridId, gridNotFound) : null;
    admin = await requireSaver(ctx, actor, before, input.communityId);
  } else {
    before = input.gridId ? ((joined._grid as GridDoc[] | undefined)?.[0] ?? null) : null;
    if (input.gridId && !before) throw gridNotFound();
    if (before) {
      requireAdmin(actor, before.communityId);
      if (before.communityId !== input.communityId) throw communityMismatch();
    }
    if (!(joined._community as CommunityDoc[] | undefined)?.[0]) {
      throw new AppError('NOT_FOUND', 'org.community-not-found', '社区不存在或已被删除');
    }
    admin = requireAdmin(actor, input.communityId);
  }

  if (await existsOther(ctx, Collections.grids, { communityId: input.communityId, name: input.name }, before?._id)) {
    throw duplicate(input.name);
  }

  const now = ctx.now();
  let after: GridDoc;
  if (before) {
    const changes = { name: input.name, updatedAt: now };
    await ctx.db.collection(Collections.grids).doc(before._id).update(changes);
    after = { ...before, ...changes };
    const _ = ctx.db.command;
    await ctx.db
      .collection(Collections.roles)
      .where({ gridId: before._id, scopeLabel: _.neq(input.name) })
      .update({ scopeLabel: input.name });
  } else {
    after = { _id: newId('grid'), communityId: input.communityId, name: input.name, createdAt: now, updatedAt: now };
    try {
      await ctx.db.collection(Collections.grids).add(after);
    } catch (error) {
      if (isDuplicateWrite(error)) throw duplicate(input.name);
      throw error;
    }
  }
  await writeAudit(ctx, admin, {
    communityId: after.communityId,
    action: 'org.saveGrid',
    targetKind: 'grid',
    targetId: after._id,
    summary: before ? `修改网格“${before.name}”为“${after.name}”` : `新建网格“${after.name}”`,
    before,
    after,
  });
  return { id: after._id, updatedAt: now.toISOString() };
}
