/**
 * volunteer.cancelSignup — the caller cancels their own sign-up, before the deadline only
 * (PRECONDITION_FAILED `signup.after-deadline` after it). Invariants: ONE transaction reads the
 * activity, whose `holders` and waitlist shape say — with the caller's sign-up read beforehand —
 * whether the caller holds a place or waits (neither: PRECONDITION_FAILED `signup.not-active`),
 * flips the sign-up to cancelled and moves the holders, waitlist shape and counters with it; a
 * freed place goes to the waitlist's head in the same transaction (their sign-up confirmed and
 * their in-app notice written with it), so a slot is never left free while someone waits and
 * nothing is half-done after a crash. The head is read with the caller, before the transaction,
 * and trusted only if its seq is the head the activity names (else the heads are read again and
 * the transaction re-run; docs/adr/0033). Cancellations and sign-ups of one activity are
 * group-committed (group-commit.ts); against a move of another instance both write the
 * activity: one conflicts and, retried, sees the other's result. The promoted person's WeChat
 * subscription message is sent after the commit. Once attendance has opened (30 minutes before
 * the start) a place that was checked in or recorded cannot be cancelled (PRECONDITION_FAILED
 * `signup.attended`): the sign-up table has no cancel from those states, and the transaction
 * reads the caller's sign-up to ask it (only in that window: before it every place is confirmed).
 * Requests: the caller with their sign-up and the waitlist's first entries 1 (one aggregation),
 * the transaction 5 (start, the activity, the sign-up, the activity's write, commit), or 7 when
 * it promotes (the head's sign-up and notice) — an atomic move of two people's places,
 * docs/adr/0017; one more for a holder's cancellation once attendance has opened.
 */
import type { ActivityIdInput, SignupResult } from '../../../types/volunteer';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { callerForMove, submitMove } from './group-commit';
import { tellPromoted } from './queue';

export async function cancelSignup({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<SignupResult> {
  const { actor, hint } = await callerForMove(ctx, input.activityId, 'cancel');
  const done = await submitMove(ctx, actor, input.activityId, 'cancel', hint);
  crashPoint('volunteer.cancelSignup.after-transaction');
  await tellPromoted(ctx, done.activity, done.promoted);
  return { activityId: done.activity._id, state: 'cancelled', waitlistPosition: null, overlapWarning: null };
}
