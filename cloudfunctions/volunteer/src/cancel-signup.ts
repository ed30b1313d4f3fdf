/**
 * volunteer.cancelSignup — the caller cancels their own sign-up, before the deadline only
 * (PRECONDITION_FAILED `signup.after-deadline` after it). Invariants: the state change is a
 * conditional update on the state read (retried when a promotion flipped it meanwhile), so the
 * counters move exactly once; a freed confirmed slot goes to the first on the waitlist (lowest
 * seq), who is told (queue.ts).
 */
import { AppError } from '../../../types/errors';
import type { ActivityIdInput, SignupResult } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { refuseCancelled, requireBeforeDeadline } from './activity-rules';
import { settleIfNeeded } from './queue';
import { C, findSignup, loadActivity } from './store';

const notSignedUp = () => new AppError('PRECONDITION_FAILED', 'signup.not-active', '您没有可取消的报名');

export async function cancelSignup({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<SignupResult> {
  const actor = await loadActor(ctx);
  const user = actor.user;
  const activity = await loadActivity(ctx, input.activityId);
  if (!user) throw notSignedUp();
  refuseCancelled(activity);
  requireBeforeDeadline(activity, ctx.now(), 'signup.after-deadline');
  const _ = ctx.db.command;
  for (let attempt = 0; attempt < 5; attempt++) {
    const signup = await findSignup(ctx, activity._id, user._id);
    if (!signup || signup.pending || (signup.state !== 'confirmed' && signup.state !== 'waitlisted')) {
      throw notSignedUp();
    }
    const res = await ctx.db
      .collection(C.signups)
      .where({ _id: signup._id, state: signup.state, pending: false })
      .update({ state: 'cancelled', updatedAt: ctx.now() });
    if (res.updated !== 1) continue;
    const counters =
      signup.state === 'confirmed' ? { freeSlots: _.inc(1), confirmedCount: _.inc(-1) } : { waitlistCount: _.inc(-1) };
    await ctx.db.collection(C.activities).doc(activity._id).update(counters);
    await settleIfNeeded(ctx, activity._id);
    return { activityId: activity._id, state: 'cancelled', waitlistPosition: null, overlapWarning: null };
  }
  throw new AppError('CONFLICT', 'signup.busy', '操作冲突，请刷新后重试');
}
