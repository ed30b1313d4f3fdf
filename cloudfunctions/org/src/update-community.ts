/**
 * org.updateCommunity — renames a community or changes its address.
 * Invariants: admins of that community only; one audit entry with before/after; `updatedAt`
 * set to the server time.
 */
import type { Saved, UpdateCommunityInput } from '../../../types/org';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import { AppError } from '../../../types/errors';
import type { Ctx } from '../../_shared/context';
import { relabelMark } from '../../_shared/place-labels';
import { requireAdmin } from './access';
import { mustFind } from './store';

export async function updateCommunity({ ctx, input }: { ctx: Ctx; input: UpdateCommunityInput }): Promise<Saved> {
  const actor = await loadActor(ctx);
  const before = await mustFind(
    ctx,
    Collections.communities,
    input.communityId,
    () => new AppError('NOT_FOUND', 'org.community-not-found', '社区不存在或已被删除'),
  );
  const admin = requireAdmin(actor, before._id);
  const now = ctx.now();
  const changes = { name: input.name, address: input.address, updatedAt: now };
  const mark = before.name === input.name ? {} : relabelMark(ctx);
  await ctx.db
    .collection(Collections.communities)
    .doc(before._id)
    .update({ ...changes, ...mark });
  await writeAudit(ctx, admin, {
    communityId: before._id,
    action: 'org.updateCommunity',
    targetKind: 'community',
    targetId: before._id,
    summary: `修改社区信息“${input.name}”`,
    before,
    after: { ...before, ...changes },
  });
  return { id: before._id, updatedAt: now.toISOString() };
}
