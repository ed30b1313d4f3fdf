/**
 * volunteer.get — one activity with the caller's sign-up, waitlist position and overlap warning.
 * Invariants: only people with a role in the activity's community (FORBIDDEN otherwise); writes
 * nothing itself, but one that meets a free slot while someone waits settles the queue first
 * (queue.ts) and shows the activity as that settlement left it. The activity and its organiser's
 * roles (whether it has passed to the admins) come in one request; a waiting caller's position is
 * computed from their sign-up's seq and the activity's waitlist shape (docs/adr/0033); the caller's sign-up and the overlapping ones come in one
 * query. Requests: 2 when nothing needs repair (the activity with its organiser's roles and the
 * caller in one aggregation, the sign-ups) — a third only for the titles of older sign-ups
 * without a copy; a repair adds its settlement's transaction; an activity still owing its
 * cancellation's messages (a cancellation that died before telling) has them delivered, two more.
 */
import type { Activity, ActivityIdInput } from '../../../types/volunteer';
import { requireOpenid } from '../../_shared/auth';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { deliver } from '../../_shared/outbox';
import { mineAndOverlap } from './overlap';
import { couldPublish, requireInCommunity } from './permissions';
import { hasQueue, needsSettle, PROMOTE_MAX, settleQueue } from './queue';
import { reconcileActivity } from './reconcile';
import { activityWithOrganiser, findSignup, waitlistPosition } from './store';
import { toActivity, type MySignup } from './to-activity';

export async function get({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<Activity> {
  const read = await activityWithOrganiser(ctx, input.activityId, requireOpenid(ctx), PROMOTE_MAX);
  const { actor } = read;
  let { activity, roles } = read;
  const user = requireInCommunity(actor, activity.communityId);
  // A cancellation that died before telling (ADR 0031): the first view tells.
  await deliver(ctx, Collections.activities, activity);
  if (!hasQueue(activity) || needsSettle(activity)) {
    const settled = hasQueue(activity) ? (await settleQueue(ctx, activity._id, read.heads)).activity : null;
    if (settled) activity = settled;
    else {
      if (!hasQueue(activity)) await reconcileActivity(ctx, activity._id);
      ({ activity, roles } = await activityWithOrganiser(ctx, activity._id));
    }
  }
  let signup;
  let warning: string | null = null;
  if (activity.cancelled) signup = await findSignup(ctx, activity._id, user._id);
  else ({ mine: signup, warning } = await mineAndOverlap(ctx, user._id, activity));
  const mine: MySignup | null =
    signup && !signup.pending
      ? {
          state: signup.state,
          waitlistPosition: waitlistPosition(activity, signup),
          proxyName: signup.proxy?.actorName ?? null,
        }
      : null;
  return toActivity(activity, !couldPublish(roles, activity), mine, warning);
}
