/**
 * volunteer.get — one activity with the caller's sign-up, waitlist position and overlap warning.
 * Invariants: only people with a role in the activity's community (FORBIDDEN otherwise); writes
 * nothing itself, but one that meets a free slot while someone waits settles the queue first
 * (heals a crash between a cancellation and its settle; queue.ts).
 */
import type { Activity, ActivityIdInput } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { overlapWarning } from './overlap';
import { isManagedByAdmins, requireInCommunity } from './permissions';
import { needsSettle, settle } from './queue';
import { findSignup, loadActivity, waitlistPosition } from './store';
import { toActivity } from './to-activity';

export async function get({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<Activity> {
  const actor = await loadActor(ctx);
  let activity = await loadActivity(ctx, input.activityId);
  const user = requireInCommunity(actor, activity.communityId);
  if (needsSettle(activity)) {
    await settle(ctx, activity._id);
    activity = await loadActivity(ctx, activity._id);
  }
  const signup = await findSignup(ctx, activity._id, user._id);
  const mine = signup ? { state: signup.state, waitlistPosition: await waitlistPosition(ctx, signup) } : null;
  const warning = activity.cancelled ? null : await overlapWarning(ctx, user._id, activity);
  return toActivity(activity, await isManagedByAdmins(ctx, activity), mine, warning);
}
