/**
 * volunteer.edit — the organiser (while they still hold the role that let them publish it) or an
 * admin of the community edits title, description, place or quota before the sign-up deadline;
 * the times are not editable, so the schedule keeps the bounds it was published with. Invariants: a smaller quota may not drop below those already confirmed
 * (PRECONDITION_FAILED, a conditional update on `freeSlots`); a larger quota frees slots and the
 * waitlist is promoted in order (each promoted person told); audited when an admin edits someone
 * else's activity or the quota changes.
 */
import { AppError } from '../../../types/errors';
import type { Activity, EditActivityInput } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { refuseCancelled, requireBeforeDeadline } from './activity-rules';
import { couldPublish, requireManager } from './permissions';
import { settleQueue } from './queue';
import { activityWithOrganiser, C, type ActivityDoc } from './store';
import { toActivity } from './to-activity';

export async function edit({ ctx, input }: { ctx: Ctx; input: EditActivityInput }): Promise<Activity> {
  const actor = await loadActor(ctx);
  const { activity: before, roles: organiserRoles } = await activityWithOrganiser(ctx, input.activityId);
  const manager = requireManager(actor, before);
  refuseCancelled(before);
  requireBeforeDeadline(before, ctx.now(), 'activity.after-deadline');
  const _ = ctx.db.command;
  const change: Record<string, unknown> = { updatedAt: ctx.now() };
  for (const key of ['title', 'description', 'place'] as const) {
    if (input[key] !== undefined) change[key] = input[key];
  }
  const delta = input.quota === undefined ? 0 : input.quota - before.quota;
  if (delta !== 0) {
    const res = await ctx.db
      .collection(C.activities)
      .where({ _id: before._id, quota: before.quota, freeSlots: _.gte(-delta) })
      .update({ ...change, quota: input.quota, freeSlots: _.inc(delta) });
    if (res.updated !== 1) {
      throw new AppError('PRECONDITION_FAILED', 'activity.quota-below-confirmed', '名额不能少于已报名人数');
    }
  } else {
    await ctx.db.collection(C.activities).doc(before._id).update(change);
  }
  const settled = delta > 0 && before.waitlistCount > 0 ? await settleQueue(ctx, before._id) : null;
  await writeAudit(ctx, manager, {
    communityId: before.communityId,
    action: 'volunteer.edit',
    targetKind: 'activity',
    targetId: before._id,
    summary: `修改志愿活动“${before.title}”`,
    before: { title: before.title, description: before.description, place: before.place, quota: before.quota },
    after: { ...change, ...(input.quota !== undefined ? { quota: input.quota } : {}) },
  });
  if (settled && settled.promoted.length > 0) {
    // The activity as the last promotion left it (read again only when that is unknown); the
    // organiser's roles are those read before.
    const activity = settled.activity ?? (await activityWithOrganiser(ctx, before._id)).activity;
    return toActivity(activity, !couldPublish(organiserRoles, activity));
  }
  const quota = input.quota ?? before.quota;
  const after = { ...before, ...change, quota, freeSlots: before.freeSlots + delta } as ActivityDoc;
  return toActivity(after, !couldPublish(organiserRoles, after));
}
