/**
 * volunteer.list — a community's activities: upcoming (not yet ended, soonest first), past
 * (ended, latest first) or the caller's own (their non-cancelled sign-ups, latest first); each
 * with the caller's sign-up. Invariants: only people with a role in the community; paginated
 * with `pageOf` (limit + 1 read); writes nothing. Requests: 4 (identity, the page, the caller's
 * sign-ups on it — already read for 'mine' — and the organisers' roles).
 */
import type { ActivityPage, ListActivitiesInput } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { getByIds } from '../../_shared/db-helpers';
import { pageOf } from '../../_shared/paging';
import { managedByAdmins, requireInCommunity } from './permissions';
import { signupId, waitlistPosition, type ActivityDoc, type SignupDoc } from './store';
import { toActivity } from './to-activity';
import { Collections } from '../../_shared/collections';

export async function list({ ctx, input }: { ctx: Ctx; input: ListActivitiesInput }): Promise<ActivityPage> {
  const actor = await loadActor(ctx);
  const user = requireInCommunity(actor, input.communityId);
  const _ = ctx.db.command;
  const now = ctx.now();
  const skip = input.cursor ?? 0;
  let activities: ActivityDoc[];
  /** The caller's sign-ups, when the query already read them ('mine'). */
  let known: Map<string, SignupDoc> | null = null;
  if (input.when === 'mine') {
    const res = await ctx.db
      .collection(Collections.signups)
      .where({ userId: user._id, communityId: input.communityId, state: _.neq('cancelled') })
      .orderBy('startAt', 'desc')
      .skip(skip)
      .limit(input.limit + 1)
      .get();
    const ids = (res.data as SignupDoc[]).map((s) => s.activityId);
    known = new Map((res.data as SignupDoc[]).map((s) => [s._id, s]));
    const byId = await getByIds(ctx, Collections.activities, ids);
    activities = ids.map((id) => byId.get(id)).filter((a): a is ActivityDoc => a !== undefined);
  } else {
    const upcoming = input.when === 'upcoming';
    const res = await ctx.db
      .collection(Collections.activities)
      .where({ communityId: input.communityId, endAt: upcoming ? _.gt(now) : _.lte(now) })
      .orderBy('startAt', upcoming ? 'asc' : 'desc')
      .skip(skip)
      .limit(input.limit + 1)
      .get();
    activities = res.data as ActivityDoc[];
  }
  const page = pageOf(activities, { cursor: input.cursor, limit: input.limit });
  const mine =
    known ??
    (await getByIds(
      ctx,
      Collections.signups,
      page.items.map((a) => signupId(a._id, user._id)),
    ));
  const byAdmins = await managedByAdmins(ctx, page.items);
  const items = await Promise.all(
    page.items.map(async (a) => {
      const s = mine.get(signupId(a._id, user._id));
      return toActivity(
        a,
        byAdmins.get(a._id) ?? false,
        s ? { state: s.state, waitlistPosition: waitlistPosition(a, s) } : null,
      );
    }),
  );
  return { items, nextCursor: page.nextCursor };
}
