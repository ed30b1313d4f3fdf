/**
 * volunteer.roster — the organiser's (or an admin's) roster: everyone signed up with state,
 * waitlist position, times, hours and the auto-closed flag; phones in full (they organise).
 * Invariants: community read from the stored activity; only while the organiser still holds
 * the role that let them publish it, else the community's admins (`activity.not-manager`);
 * writes nothing.
 */
import type { ActivityIdInput, Roster } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { couldPublish, requireManager } from './permissions';
import { rosterEntries } from './roster-entries';
import { activityWithOrganiser } from './store';
import { toActivity } from './to-activity';

export async function roster({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<Roster> {
  const actor = await loadActor(ctx);
  const { activity, roles } = await activityWithOrganiser(ctx, input.activityId);
  requireManager(actor, activity);
  return {
    activity: toActivity(activity, !couldPublish(roles, activity)),
    entries: await rosterEntries(ctx, activity),
  };
}
