/**
 * volunteer.cancel — the organiser (while they still hold the role that let them publish it) or
 * an admin of the community cancels an activity with a reason, before it ends.
 * Invariants: a conditional write on `cancelled: false` keeps racing cancellations to one (the
 * loser gets PRECONDITION_FAILED); everyone signed up (confirmed or waitlisted) is told once
 * (message key per activity and person); one audit entry. Sign-ups keep their states.
 */
import { AppError } from '../../../types/errors';
import { formatCst } from '../../../types/time';
import type { Activity, CancelActivityInput } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { getAll, getByIds } from '../../_shared/db-helpers';
import type { UserDoc } from '../../_shared/documents';
import { notify } from '../../_shared/notify';
import { refuseCancelled } from './activity-rules';
import { isManagedByAdmins, requireManager } from './permissions';
import { C, loadActivity, type SignupDoc } from './store';
import { toActivity } from './to-activity';

export async function cancel({ ctx, input }: { ctx: Ctx; input: CancelActivityInput }): Promise<Activity> {
  const actor = await loadActor(ctx);
  const activity = await loadActivity(ctx, input.activityId);
  const manager = requireManager(actor, activity);
  refuseCancelled(activity);
  if (ctx.now().getTime() > new Date(activity.endAt).getTime()) {
    throw new AppError('PRECONDITION_FAILED', 'activity.ended', '活动已结束，不能取消');
  }
  const change = { cancelled: true, cancelReason: input.reason, updatedAt: ctx.now() };
  const res = await ctx.db.collection(C.activities).where({ _id: activity._id, cancelled: false }).update(change);
  if (res.updated !== 1) refuseCancelled({ ...activity, cancelled: true });
  await writeAudit(ctx, manager, {
    communityId: activity.communityId,
    action: 'volunteer.cancel',
    targetKind: 'activity',
    targetId: activity._id,
    summary: `取消志愿活动“${activity.title}”：${input.reason}`,
    before: { cancelled: false },
    after: { cancelled: true, cancelReason: input.reason },
  });
  const _ = ctx.db.command;
  const signups = await getAll<SignupDoc>(
    ctx.db.collection(C.signups).where({ activityId: activity._id, state: _.in(['confirmed', 'waitlisted']) }),
  );
  const users = await getByIds<UserDoc>(
    ctx,
    C.users,
    signups.map((s) => s.userId),
  );
  for (const s of signups) {
    const openid = users.get(s.userId)?.openid;
    await notify(ctx, {
      key: `volunteer-cancelled:${activity._id}:${s.userId}`,
      userId: s.userId,
      communityId: activity.communityId,
      kind: 'activity',
      title: '志愿活动已取消',
      body: `您报名的志愿活动“${activity.title}”（${formatCst(activity.startAt)}）已取消。原因：${input.reason}`,
      link: `/packages/volunteer/pages/detail/index?id=${activity._id}`,
      ...(openid
        ? {
            subscription: {
              template: 'activityReminder' as const,
              openid,
              data: { thing1: activity.title, time2: formatCst(activity.startAt), thing3: '活动已取消' },
            },
          }
        : {}),
    });
  }
  return toActivity({ ...activity, ...change }, await isManagedByAdmins(ctx, activity));
}
