/**
 * org.deleteGrid — deletes a 网格 (grid) that nothing depends on.
 * Invariants: admins of the grid's community only; refused (PRECONDITION_FAILED) while any
 * building is in the grid (`org.grid-not-empty`: move its buildings to other grids first, so
 * every building stays in exactly one grid) or anyone is its 网格员 or 网格长
 * (`org.grid-has-roles`: revoke those roles first, so no role points at a deleted grid); one audit
 * entry whose `before` is the deleted document. A refusal writes nothing.
 * Requests: the caller, the grid with its first building and first role (one aggregate), the
 * delete, the audit.
 */
import type { Deleted, DeleteGridInput } from '../../../types/org';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getByIdWith } from '../../_shared/db-helpers';
import type { GridDoc } from '../../_shared/documents';
import { requireAdmin } from './access';

interface Loaded extends GridDoc {
  buildings: unknown[];
  roles: unknown[];
}

export async function deleteGrid({ ctx, input }: { ctx: Ctx; input: DeleteGridInput }): Promise<Deleted> {
  const actor = await loadActor(ctx);
  const $ = ctx.db.command.aggregate;
  const row = await getByIdWith<Loaded>(ctx, Collections.grids, input.gridId, (one) =>
    one
      .lookup({ from: Collections.buildings, localField: '_id', foreignField: 'gridId', as: 'buildings' })
      .lookup({ from: Collections.roles, localField: '_id', foreignField: 'gridId', as: 'roles' })
      .addFields({ buildings: $.slice(['$buildings', 1]), roles: $.slice(['$roles', 1]) }),
  );
  if (!row) throw new AppError('NOT_FOUND', 'org.grid-not-found', '网格不存在或已被删除');
  const { buildings, roles, ...grid } = row;
  const admin = requireAdmin(actor, grid.communityId);
  if (buildings.length > 0) {
    throw new AppError('PRECONDITION_FAILED', 'org.grid-not-empty', '该网格下还有楼栋，请先把楼栋划入其他网格');
  }
  if (roles.length > 0) {
    throw new AppError('PRECONDITION_FAILED', 'org.grid-has-roles', '该网格还有网格员或网格长，请先撤销其身份');
  }
  await ctx.db.collection(Collections.grids).where({ _id: grid._id }).remove();
  await writeAudit(ctx, admin, {
    communityId: grid.communityId,
    action: 'org.deleteGrid',
    targetKind: 'grid',
    targetId: grid._id,
    summary: `删除网格“${grid.name}”`,
    before: grid,
    after: null,
  });
  return { id: grid._id };
}
