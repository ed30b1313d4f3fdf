/**
 * volunteer.get — one activity with the caller's sign-up, waitlist position and overlap warning.
 * Invariants: only people with a role in the activity's community (FORBIDDEN otherwise); writes
 * nothing.
 */
import type { Activity, ActivityIdInput } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { overlapWarning } from './overlap';
import { isManagedByAdmins, requireInCommunity } from './permissions';
import { findSignup, loadActivity, waitlistPosition } from './store';
import { toActivity } from './to-activity';

export async function get({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<Activity> {
  const actor = await loadActor(ctx);
  const activity = await loadActivity(ctx, input.activityId);
  const user = requireInCommunity(actor, activity.communityId);
  const signup = await findSignup(ctx, activity._id, user._id);
  const mine = signup ? { state: signup.state, waitlistPosition: await waitlistPosition(ctx, signup) } : null;
  const warning = activity.cancelled ? null : await overlapWarning(ctx, user._id, activity);
  return toActivity(activity, await isManagedByAdmins(ctx, activity), mine, warning);
}
