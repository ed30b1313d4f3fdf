/**
 * volunteer.cancelSignup — the caller cancels their own sign-up, before the deadline only
 * (PRECONDITION_FAILED `signup.after-deadline` after it). Invariants: ONE transaction reads the
 * activity, whose queue lists say whether the caller holds a place or waits (neither:
 * PRECONDITION_FAILED `signup.not-active`), flips the sign-up to cancelled and moves the lists
 * and counters with it; a freed place goes to the waitlist's head in the same transaction (their
 * sign-up confirmed and their in-app notice written with it), so a slot is never left free while
 * someone waits and nothing is half-done after a crash. Against a concurrent move both write the
 * activity: one conflicts and, retried, sees the other's result. The promoted person's WeChat
 * subscription message is sent after the commit.
 * Requests: identity 1, the transaction 5, or 7 when it promotes (the head's sign-up and notice)
 * — an atomic move of two people's places, docs/adr/0017.
 */
import { AppError } from '../../../types/errors';
import type { ActivityIdInput, SignupResult } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { refuseCancelled, requireBeforeDeadline } from './activity-rules';
import { promoteHeads, queueFields, queueTransaction, readQueued, tellPromoted, type QueuedActivity } from './queue';
import { C, signupId } from './store';

const notSignedUp = () => new AppError('PRECONDITION_FAILED', 'signup.not-active', '您没有可取消的报名');
const notFound = () => new AppError('NOT_FOUND', 'activity.not-found', '该志愿活动不存在');

export async function cancelSignup({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<SignupResult> {
  const actor = await loadActor(ctx);
  const user = actor.user;
  const done = await queueTransaction(ctx, input.activityId, async (tx) => {
    const activity = await readQueued(tx, input.activityId);
    if (!activity) throw notFound();
    if (!user) throw notSignedUp();
    refuseCancelled(activity);
    requireBeforeDeadline(activity, ctx.now(), 'signup.after-deadline');
    const holds = activity.holders.includes(user._id);
    const waits = activity.waitlist.some((e) => e.userId === user._id);
    if (!holds && !waits) throw notSignedUp();
    const left: QueuedActivity = {
      ...activity,
      holders: activity.holders.filter((id) => id !== user._id),
      waitlist: activity.waitlist.filter((e) => e.userId !== user._id),
    };
    const moved = await promoteHeads(ctx, tx, { ...left, ...queueFields(left) }, 1);
    await tx
      .collection(C.signups)
      .doc(signupId(activity._id, user._id))
      .update({ state: 'cancelled', updatedAt: ctx.now() });
    await tx
      .collection(C.activities)
      .doc(activity._id)
      .update({ ...queueFields(moved.activity), updatedAt: ctx.now() });
    return moved;
  });
  crashPoint('volunteer.cancelSignup.after-transaction');
  await tellPromoted(done.activity, done.promoted);
  return { activityId: done.activity._id, state: 'cancelled', waitlistPosition: null, overlapWarning: null };
}
