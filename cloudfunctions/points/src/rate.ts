/**
 * points.rate — the year-end rating (优秀/合格/基本合格/不合格) of a member or a work unit.
 * Invariants: admins of the community only; the target is a member (a `member` role) or a
 * work unit OF THAT community, otherwise NOT_FOUND; one rating per year, community, target
 * (`_id` = `<year>:<communityId>:<target>:<targetId>`), so re-rating replaces it; one audit
 * entry with the previous rating as `before`.
 */
import { AppError } from '../../../types/errors';
import { gradeLabels, type RateInput, type Rating } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { memberRole, requireAdmin } from './permissions';
import { ratingId, type RatingDoc } from './store';
import { toRating } from './to-rating';
import { getById } from '../../_shared/db-helpers';

async function targetName(ctx: Ctx, input: RateInput): Promise<string> {
  if (input.target === 'work_unit') {
    const unit = await getById(ctx, Collections.workUnits, input.targetId);
    if (!unit || unit.communityId !== input.communityId) {
      throw new AppError('NOT_FOUND', 'work-unit.not-found', '本社区没有这个报到单位');
    }
    return unit.name;
  }
  const [role, user] = await Promise.all([
    memberRole(ctx, input.communityId, input.targetId),
    getById(ctx, Collections.users, input.targetId),
  ]);
  if (!role || !user) throw new AppError('NOT_FOUND', 'points.not-a-member', '本社区没有这名党员');
  return user.name;
}

export async function rate({ ctx, input }: { ctx: Ctx; input: RateInput }): Promise<Rating> {
  const actor = await loadActor(ctx);
  const admin = requireAdmin(actor, input.communityId);
  const name = await targetName(ctx, input);
  const id = ratingId(input.year, input.communityId, input.target, input.targetId);
  const previous = await getById(ctx, Collections.ratings, id);
  const doc: RatingDoc = {
    _id: id,
    communityId: input.communityId,
    year: input.year,
    target: input.target,
    targetId: input.targetId,
    targetName: name,
    grade: input.grade,
    comment: input.comment,
    ratedBy: admin._id,
    ratedAt: ctx.now(),
  };
  const { _id: _ignored, ...fields } = doc;
  await ctx.db.collection(Collections.ratings).doc(id).set(fields);
  const rating = toRating(doc);
  await writeAudit(ctx, admin, {
    communityId: input.communityId,
    action: 'points.rate',
    targetKind: input.target === 'member' ? 'member_rating' : 'work_unit_rating',
    targetId: id,
    summary: `${input.year} 年度评定 ${name}：${gradeLabels[input.grade]}`,
    before: previous ? toRating(previous) : null,
    after: rating,
  });
  return rating;
}
