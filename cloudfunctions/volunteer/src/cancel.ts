/**
 * volunteer.cancel — the organiser (while they still hold the role that let them publish it) or
 * an admin of the community cancels an activity with a reason, before it ends.
 * Invariants: a conditional write on `cancelled: false` keeps racing cancellations to one (the
 * loser gets PRECONDITION_FAILED); everyone signed up (holding a place or waiting, from the
 * activity's queue lists) is told once (message key per activity and person; who they are is one query of its live
 * sign-ups, whose documents carry their openids; the in-app messages are one batch insert, after the cancellation: a crash between the two loses the
 * notices, accepted as the activity shows it is cancelled); one audit entry. Sign-ups keep their
 * states. Requests: 6 (identity, the activity with its organiser's roles, the cancellation, the
 * audit, the live sign-ups, the notices; one more for people of sign-ups stored without an openid) — the same for 5 or 500 people signed up.
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
import { activityWithOrganiser, type SignupDoc } from './store';
import type { UserDoc } from '../../_shared/documents';

/** Sign-ups of one activity told at once: its quota plus its waitlist, far below this. */
const PEOPLE_MAX = 1000;
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
  // Everyone signed up: their live sign-ups (one query), which carry their openids; people are
  // read only for sign-ups stored before sign-ups carried it.
  const live = (
    await ctx.db
      .collection(Collections.signups)
      .where({ activityId: activity._id, state: ctx.db.command.neq('cancelled') })
      .orderBy('seq', 'asc')
      .limit(PEOPLE_MAX)
      .get()
  ).data as SignupDoc[];
  const signedUp = live.filter((s) => s.pending !== true);
  const missing = signedUp.filter((s) => s.openid === undefined).map((s) => s.userId);
  const users = missing.length > 0 ? await getByIds(ctx, Collections.users, missing) : new Map<string, UserDoc>();
  const people = signedUp.map((s) => s.userId);
  const openids = new Map(signedUp.map((s) => [s.userId, s.openid ?? users.get(s.userId)?.openid ?? null]));
  const notices: Notification[] = people.map((userId) => {
    const openid = openids.get(userId) ?? null;
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
