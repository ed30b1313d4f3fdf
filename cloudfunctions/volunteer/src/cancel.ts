/**
 * volunteer.cancel — the organiser (while they still hold the role that let them publish it) or
 * an admin of the community cancels an activity with a reason, before it ends.
 * Invariants: a conditional write on `cancelled: false` keeps racing cancellations to one (the
 * loser gets PRECONDITION_FAILED); everyone signed up (holding a place or waiting, from the
 * activity's queue lists) is told once (message key per activity and person; the in-app
 * messages are one batch insert, after the cancellation: a crash between the two loses the
 * notices, accepted as the activity shows it is cancelled); one audit entry. Sign-ups keep their
 * states. Requests: 6 (identity, the activity with its organiser's roles, the cancellation, the
 * audit, the people's openids, the notices) — the same for 5 or 500 people signed up.
 */
import { Collections } from '../../_shared/collections';
import { AppError } from '../../../types/errors';
import { formatCst } from '../../../types/time';
import type { Activity, CancelActivityInput } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { getByIds } from '../../_shared/db-helpers';
import { messageOf, sendSubscription, type Notification } from '../../_shared/notify';
import { refuseCancelled } from './activity-rules';
import { couldPublish, requireManager } from './permissions';
import { hasQueue, loadQueued } from './queue';
import { activityWithOrganiser } from './store';
import { toActivity } from './to-activity';

export async function cancel({ ctx, input }: { ctx: Ctx; input: CancelActivityInput }): Promise<Activity> {
  const actor = await loadActor(ctx);
  const { activity, roles } = await activityWithOrganiser(ctx, input.activityId);
  const manager = requireManager(actor, activity);
  refuseCancelled(activity);
  if (ctx.now().getTime() > new Date(activity.endAt).getTime()) {
    throw new AppError('PRECONDITION_FAILED', 'activity.ended', '活动已结束，不能取消');
  }
  const change = { cancelled: true, cancelReason: input.reason, updatedAt: ctx.now() };
  const res = await ctx.db
    .collection(Collections.activities)
    .where({ _id: activity._id, cancelled: false })
    .update(change);
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
  const queued = hasQueue(activity) ? activity : await loadQueued(ctx, activity._id);
  const waitOpenids = new Map(queued.waitlist.map((e) => [e.userId, e.openid]));
  const people = [...queued.holders, ...queued.waitlist.map((e) => e.userId)];
  const users = await getByIds(ctx, Collections.users, queued.holders);
  const notices: Notification[] = people.map((userId) => {
    const openid = users.get(userId)?.openid ?? waitOpenids.get(userId) ?? null;
    return {
      key: `volunteer-cancelled:${activity._id}:${userId}`,
      userId,
      communityId: activity.communityId,
      kind: 'activity',
      title: '志愿活动已取消',
      body: `您报名的志愿活动“${activity.title}”（${formatCst(activity.startAt)}）已取消。原因：${input.reason}`,
      link: `/packages/volunteer/pages/detail/index?id=${activity._id}`,
      ...(openid
        ? {
            subscription: {
              kind: 'activityCancelled' as const,
              openid,
              values: {
                activityId: activity._id,
                activityTitle: activity.title,
                startAt: new Date(activity.startAt),
                place: activity.place,
                reason: input.reason,
              },
            },
          }
        : {}),
    };
  });
  if (notices.length > 0) {
    try {
      await ctx.db.collection(Collections.messages).add(notices.map((n) => messageOf(ctx, n)));
    } catch (error) {
      // Only the one cancellation gets here (the conditional write above), so a duplicate means a
      // notice already stored by an earlier design; the others' notices still matter less than
      // answering: logged, not thrown.
      console.warn('[volunteer.cancel] notices not all stored', error);
    }
    for (const n of notices) await sendSubscription(n);
  }
  return toActivity({ ...activity, ...change }, !couldPublish(roles, activity));
}
