/**
 * volunteer.cancel — the organiser (while they still hold the role that let them publish it) or
 * an admin of the community cancels an activity with a reason, before it ends.
 * Invariants: a conditional write keeps racing cancellations to one (the loser gets
 * PRECONDITION_FAILED); everyone signed up (holding a place or waiting) is told once, in-app and by
 * subscription message (key `volunteer-cancelled:<activityId>:<userId>`). The messages are owed
 * with the act (ADR 0031): the live sign-ups are read before the cancelling write, which also
 * stores their batch (`outbox.cancelled`) and holds only while the queue is as read (`nextSeq`,
 * `confirmedCount`, `waitlistCount`, `waitHead` unchanged: every sign-up move changes one), so a
 * sign-up or cancellation in between makes it match nothing and the read is done again; after it
 * the activity refuses sign-ups, so the batch names everyone. It is delivered right after the
 * act, or — after a crash — by the next request that reads the activity (a retry of the
 * cancellation, `get`, `list`). One audit entry. Sign-ups keep their states.
 * Requests: 5 (the caller and the activity with its organiser's roles and its live sign-ups in
 * one aggregation, the cancellation with its batch, the audit, the messages, the batch's removal;
 * one more for people of sign-ups stored without an openid) — the same for 5 or 500 people
 * signed up. A queue move racing the cancellation adds the read and the write again; such a
 * cancellation leaves its in-app messages owed to the people's message centres (ADR 0038), so
 * it stays at 5 (the subscription messages are sent at once either way).
 */
import { Collections } from '../../_shared/collections';
import { AppError } from '../../../types/errors';
import { formatCst } from '../../../types/time';
import type { Activity, CancelActivityInput } from '../../../types/volunteer';
import { requireOpenid } from '../../_shared/auth';
import { writeAudit } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { getByIds } from '../../_shared/db-helpers';
import { sendSubscription, type Notification } from '../../_shared/notify';
import { batchOf, deliver, owed, oweInUpdate } from '../../_shared/outbox';
import { refuseCancelled } from './activity-rules';
import { couldPublish, requireManager } from './permissions';
import { activityWithOrganiser, type ActivityDoc, type SignupDoc } from './store';
import { toActivity } from './to-activity';
import type { UserDoc } from '../../_shared/documents';

/** Sign-ups of one activity told at once: its quota plus its waitlist, far below this. */
const PEOPLE_MAX = 1000;
/** Reads again after a queue move raced the cancellation, at most this many times. */
const ATTEMPTS = 5;

export async function cancel({ ctx, input }: { ctx: Ctx; input: CancelActivityInput }): Promise<Activity> {
  const openid = requireOpenid(ctx);
  for (let attempt = 1; ; attempt++) {
    const { activity, roles, actor, live } = await activityWithOrganiser(
      ctx,
      input.activityId,
      openid,
      undefined,
      PEOPLE_MAX,
    );
    const manager = requireManager(actor, activity);
    // A cancellation that died before telling: its retry tells first, then is refused.
    if (activity.cancelled) await deliver(ctx, Collections.activities, activity);
    refuseCancelled(activity);
    if (ctx.now().getTime() > new Date(activity.endAt).getTime()) {
      throw new AppError('PRECONDITION_FAILED', 'activity.ended', '活动已结束，不能取消');
    }
    const notices = await noticesOf(ctx, activity, live, input.reason);
    const batch = batchOf(notices);
    const change = { cancelled: true, cancelReason: input.reason, updatedAt: ctx.now() };
    const asRead: Record<string, unknown> = {
      _id: activity._id,
      cancelled: false,
      nextSeq: activity.nextSeq,
      confirmedCount: activity.confirmedCount,
      waitlistCount: activity.waitlistCount,
    };
    if (activity.waitHead !== undefined) asRead.waitHead = activity.waitHead;
    const res = await ctx.db
      .collection(Collections.activities)
      .where(asRead)
      .update({ ...change, ...oweInUpdate(ctx, 'cancelled', batch) });
    if (res.updated !== 1) {
      // Cancelled meanwhile (refused on the next read), or the queue moved: read again.
      if (attempt < ATTEMPTS) continue;
      throw new AppError('CONFLICT', 'activity.busy', '活动报名变动频繁，请稍后再试');
    }
    await writeAudit(ctx, manager, {
      communityId: activity.communityId,
      action: 'volunteer.cancel',
      targetKind: 'activity',
      targetId: activity._id,
      summary: `取消志愿活动“${activity.title}”：${input.reason}`,
      before: { cancelled: false },
      after: { cancelled: true, cancelReason: input.reason },
    });
    crashPoint('volunteer.cancel.before-messages');
    // A cancellation that had to read again leaves its in-app messages owed (within its budget):
    // each person's message centre, a view or the list delivers them (ADR 0038).
    if (attempt === 1) await deliver(ctx, Collections.activities, owed(activity._id, 'cancelled', batch));
    for (const n of notices) await sendSubscription(n);
    return toActivity({ ...activity, ...change }, !couldPublish(roles, activity));
  }
}

/**
 * The message each person signed up (holding a place or waiting) is owed, from the activity's
 * live sign-ups (read with the activity; they carry their openids, people are read only for
 * sign-ups stored before they did).
 */
async function noticesOf(
  ctx: Ctx,
  activity: ActivityDoc,
  live: readonly SignupDoc[],
  reason: string,
): Promise<Notification[]> {
  const signedUp = live.filter((s) => s.pending !== true);
  const missing = signedUp.filter((s) => s.openid === undefined).map((s) => s.userId);
  const users = missing.length > 0 ? await getByIds(ctx, Collections.users, missing) : new Map<string, UserDoc>();
  return signedUp.map((s) => {
    const openid = s.openid ?? users.get(s.userId)?.openid ?? null;
    return {
      key: `volunteer-cancelled:${activity._id}:${s.userId}`,
      userId: s.userId,
      communityId: activity.communityId,
      kind: 'activity',
      title: '志愿活动已取消',
      body: `您报名的志愿活动“${activity.title}”（${formatCst(activity.startAt)}）已取消。原因：${reason}`,
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
                reason,
              },
            },
          }
        : {}),
    };
  });
}
