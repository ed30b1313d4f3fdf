/**
 * volunteer.get — one activity with the caller's sign-up, waitlist position and overlap warning.
 * Invariants: only people with a role in the activity's community (FORBIDDEN otherwise); writes
 * nothing itself, but one that meets a free slot while someone waits settles the queue first
 * (queue.ts). The activity and its organiser's roles (whether it has passed to the admins) come
 * in one request; a waiting caller's state and position are read from the activity's waitlist,
 * anyone else's sign-up from its document. Requests: at most 4 (identity, activity, sign-up,
 * overlap).
 */
import type { Activity, ActivityIdInput, SignupState } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { overlapWarning } from './overlap';
import { couldPublish, requireInCommunity } from './permissions';
import { hasQueue, needsSettle, settle } from './queue';
import { reconcileActivity } from './reconcile';
import { activityWithOrganiser, findSignup, waitlistPosition } from './store';
import { toActivity } from './to-activity';

export async function get({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<Activity> {
  const actor = await loadActor(ctx);
  let { activity, roles } = await activityWithOrganiser(ctx, input.activityId);
  const user = requireInCommunity(actor, activity.communityId);
  if (!hasQueue(activity) || needsSettle(activity)) {
    if (hasQueue(activity)) await settle(ctx, activity._id);
    else await reconcileActivity(ctx, activity._id);
    ({ activity, roles } = await activityWithOrganiser(ctx, activity._id));
  }
  const position = waitlistPosition(activity, user._id);
  let mine: { state: SignupState; waitlistPosition: number | null } | null;
  if (position !== null) mine = { state: 'waitlisted', waitlistPosition: position };
  else {
    const signup = await findSignup(ctx, activity._id, user._id);
    mine = signup ? { state: signup.state, waitlistPosition: null } : null;
  }
  const warning = activity.cancelled ? null : await overlapWarning(ctx, user._id, activity);
  return toActivity(activity, !couldPublish(roles, activity), mine, warning);
}
