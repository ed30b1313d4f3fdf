/**
 * volunteer.myHours — the caller's service hours in a community: the total over all their
 * sign-ups, and per activity (latest first, paginated). Invariants: only the caller's own
 * sign-ups (the user id comes from the context); cancelled and waitlisted sign-ups are left out;
 * writes nothing.
 */
import type { MyHours, MyHoursInput } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { getAll, getByIds, iso } from '../../_shared/db-helpers';
import { pageSorted } from '../../_shared/paging';
import { requireInCommunity } from './permissions';
import { type SignupDoc } from './store';
import { Collections } from '../../_shared/collections';

const keyOf = (s: SignupDoc): [number, string] => [new Date(s.startAt).getTime(), s._id];
/** Latest start first; one order for equal starts (the sign-up id). */
const latestFirst = (a: readonly [string | number, string], b: readonly [string | number, string]) =>
  Number(b[0]) - Number(a[0]) || a[1].localeCompare(b[1]);

export async function myHours({ ctx, input }: { ctx: Ctx; input: MyHoursInput }): Promise<MyHours> {
  const actor = await loadActor(ctx);
  const user = requireInCommunity(actor, input.communityId);
  const _ = ctx.db.command;
  const all = (
    await getAll<SignupDoc>(
      ctx.db.collection(Collections.signups).where({
        userId: user._id,
        communityId: input.communityId,
        state: _.in(['confirmed', 'checked_in', 'completed', 'no_show']),
      }),
    )
  ).sort((a, b) => latestFirst(keyOf(a), keyOf(b)));
  const totalHours = all.reduce((sum, s) => sum + s.hours, 0);
  const page = pageSorted(all, input, keyOf, latestFirst);
  const activities = await getByIds(
    ctx,
    Collections.activities,
    page.items.map((s) => s.activityId),
  );
  return {
    totalHours,
    records: {
      items: page.items.map((s) => ({
        activityId: s.activityId,
        title: activities.get(s.activityId)?.title ?? '',
        startAt: iso(s.startAt),
        state: s.state,
        hours: s.hours,
        points: s.points,
      })),
      nextCursor: page.nextCursor,
    },
  };
}
