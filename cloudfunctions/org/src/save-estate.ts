/**
 * org.saveEstate — creates an estate (小区) in a community, or edits one.
 * Invariants: admins of the estate's community only (for an edit, the community stored on the
 * estate decides; naming another community is refused); estate names are unique within their
 * community (CONFLICT `org.duplicate-estate`); one audit entry with before/after.
 */
import type { Saved, SaveEstateInput } from '../../../types/org';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { relabelMark } from '../../_shared/place-labels';
import type { EstateDoc } from '../../_shared/documents';
import { requireSaver } from './access';
import { existsOther, mustFind, newId } from './store';

export async function saveEstate({ ctx, input }: { ctx: Ctx; input: SaveEstateInput }): Promise<Saved> {
  const actor = await loadActor(ctx);
  const before = input.estateId
    ? await mustFind(
        ctx,
        Collections.estates,
        input.estateId,
        () => new AppError('NOT_FOUND', 'org.estate-not-found', '小区不存在或已被删除'),
      )
    : null;
  const admin = await requireSaver(ctx, actor, before, input.communityId);

  if (await existsOther(ctx, Collections.estates, { communityId: input.communityId, name: input.name }, before?._id)) {
    throw new AppError('CONFLICT', 'org.duplicate-estate', `本社区已有名为“${input.name}”的小区`);
  }

  const now = ctx.now();
  let after: EstateDoc;
  if (before) {
    const changes = { name: input.name, partyBranchName: input.partyBranchName, updatedAt: now };
    const mark = before.name === input.name ? {} : relabelMark(ctx);
    await ctx.db
      .collection(Collections.estates)
      .doc(before._id)
      .update({ ...changes, ...mark });
    after = { ...before, ...changes };
  } else {
    after = {
      _id: newId('estate'),
      communityId: input.communityId,
      name: input.name,
      partyBranchName: input.partyBranchName,
      createdAt: now,
      updatedAt: now,
    };
    await ctx.db.collection(Collections.estates).add(after);
  }
  await writeAudit(ctx, admin, {
    communityId: after.communityId,
    action: 'org.saveEstate',
    targetKind: 'estate',
    targetId: after._id,
    summary: before ? `修改小区“${after.name}”` : `新建小区“${after.name}”`,
    before,
    after,
  });
  return { id: after._id, updatedAt: now.toISOString() };
}
