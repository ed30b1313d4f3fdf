/**
 * volunteer.signUp — the caller signs up before the deadline (inclusive, Asia/Shanghai).
 * Invariants, in order:
 * - the caller is in the activity's audience (FORBIDDEN) and it is not cancelled;
 * - the move is ONE transaction (doc operations only, as CloudBase allows): it reads the activity
 *   — whose `holders` and waitlist shape say, with the caller's own sign-up read beforehand,
 *   whether the caller already holds a place or waits (CONFLICT `signup.exists`, also for a
 *   concurrent second sign-up: both write the activity, so one conflicts and, retried, meets the
 *   other) — decides confirmed (a free slot and nobody waiting) or waitlisted, hands out
 *   `seq = nextSeq + 1`, and writes the sign-up document with the activity's holders, waitlist
 *   shape and counters — so under any burst exactly `quota` are confirmed, the rest wait in seq
 *   order, and the counters always agree with the documents (docs/adr/0033);
 * - the sign-up document `<activityId>:<userId>` is added when the caller's read found none (one
 *   stored meanwhile collides: the batch runs again reading it in the transaction), else written
 *   whole (`set`) over a cancelled one, or a `pending` claim of an older design, after reading it
 *   in the transaction;
 * - group commit (group-commit.ts): sign-ups and cancellations for the same activity arriving at
 *   the same function instance while a transaction runs are committed together in the next one,
 *   in arrival order, each with its own outcome, instead of conflicting on the activity document;
 * - the waitlist position in the reply is the waitlist's length after the move (the newcomer is
 *   last), read, never counted;
 * - afterwards the queue is settled if a slot is free while someone waits (heals a quota raise
 *   beyond one transaction's promotions; see queue.ts);
 * - an overlapping confirmed sign-up only adds a warning, made from the caller's upcoming places
 *   joined to the caller's read (no query of its own; overlap.ts says when it queries).
 * - 代办 (`proxy`): the same move run as the consent's resident (_shared/proxy.ts: the resident's
 *   row, with the same joins, read under the proxy's in one aggregation); their sign-up carries
 *   the proxy's stamp and its audit entry `audit-proxy.signUp:<sign-up id>:<seq>` is written in
 *   the batch's transaction.
 * Requests: the caller with their sign-up and upcoming places 1 (one aggregation), the
 * transaction 5 (start, the activity, the sign-up, the activity's write, commit — shared by its
 * batch; one more to read a cancelled sign-up written over): 6 (7 signing up again after
 * cancelling; one more for a caller with UPCOMING_MAX upcoming places; one more for 代办: its
 * audit entry).
 */
import type { SignUpInput, SignupResult } from '../../../types/volunteer';
import { signupStateLabels } from '../../../types/labels/volunteer';
import { actingFor, proxyAuditDoc } from '../../_shared/proxy';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { moveHint, moveStages, submitMove } from './group-commit';
import { overlapFromUpcoming } from './overlap';
import { needsSettle, settle } from './queue';

export async function signUp({ ctx: call, input }: { ctx: Ctx; input: SignUpInput }): Promise<SignupResult> {
  // 代办: the resident's own sign-up, made for them (_shared/proxy.ts); their hours are theirs.
  const { ctx, grant, actor, joined } = await actingFor(
    call,
    input.proxy,
    'sign_up',
    moveStages(call, input.activityId, 'signUp'),
  );
  const hint = moveHint(joined, 'signUp');
  const proxy = grant
    ? {
        stamp: grant.stamp,
        audit: (signup: { _id: string; seq: number; activityTitle?: string; state: keyof typeof signupStateLabels }) =>
          proxyAuditDoc(ctx, grant, {
            action: 'proxy.signUp',
            targetKind: 'signup',
            // One entry per sign-up: signing up again after a cancellation is a new act.
            targetId: `${signup._id}:${signup.seq}`,
            summary: `报名志愿活动“${signup.activityTitle ?? ''}”（${signupStateLabels[signup.state]}）`,
          }),
      }
    : undefined;
  const placed = await submitMove(ctx, actor, input.activityId, 'signUp', hint, proxy);
  crashPoint('volunteer.signUp.after-transaction');

  const { activity } = placed;
  let { signup, position } = placed;
  if (needsSettle(activity)) {
    const promoted = await settle(ctx, activity._id);
    if (promoted.some((e) => e.userId === signup.userId)) {
      signup = { ...signup, state: 'confirmed' };
      position = null;
    }
  }
  return {
    activityId: activity._id,
    state: signup.state,
    waitlistPosition: position,
    overlapWarning: await overlapFromUpcoming(ctx, signup.userId, activity, hint.upcoming ?? []),
  };
}
