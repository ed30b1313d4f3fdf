/**
 * volunteer.list — a community's activities: upcoming (not yet ended, soonest first), past
 * (ended, latest first) or the caller's own (their non-cancelled sign-ups, latest first); each
 * with the caller's sign-up. Invariants: only people with a role in the community; paginated
 * with `pageOf` (limit + 1 read); writes nothing but the messages a cancellation on the page
 * still owes (one that died before telling, ADR 0031: two requests more, once). Requests: 4 (identity, the page, the caller's
 * sign-ups on it — already read for 'mine' — and the organisers' roles).
 */
import type { ActivityPage, ListActivitiesInput } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { getByIds } from '../../_shared/db-helpers';
import { pageOf, whereAfter, keysOf, sortedBy, type PageOrder } from '../../_shared/paging';
import { managedByAdmins, requireInCommunity } from './permissions';
import { signupId, waitlistPosition, type ActivityDoc, type SignupDoc } from './store';
import { toActivity } from './to-activity';
import { Collections } from '../../_shared/collections';
import { deliverAll } from '../../_shared/outbox';

export async function list({ ctx, input }: { ctx: Ctx; input: ListActivitiesInput }): Promise<ActivityPage> {
  const actor = await loadActor(ctx);
  const user = requireInCommunity(actor, input.communityId);
  const _ = ctx.db.command;
  const now = ctx.now();
  let page: { items: ActivityDoc[]; nextCursor: string | null };
  /** The caller's sign-ups, when the query already read them ('mine'). */
  let known: Map<string, SignupDoc> | null = null;
  if (input.when === 'mine') {
    // The caller's sign-ups, latest first: the cursor is a sign-up's (startAt, _id).
    const order: PageOrder = { by: 'startAt', dir: 'desc' };
    const where = { userId: user._id, communityId: input.communityId, state: _.neq('cancelled') };
    const res = await sortedBy(
      ctx.db.collection(Collections.signups).where(whereAfter(ctx, where, input.cursor, order)),
      order,
    )
      .limit(input.limit + 1)
      .get();
    const signups = pageOf(res.data as SignupDoc[], input, keysOf(order));
    known = new Map(signups.items.map((s) => [s._id, s]));
    const byId = await getByIds(
      ctx,
      Collections.activities,
      signups.items.map((s) => s.activityId),
    );
    page = {
      items: signups.items.map((s) => byId.get(s.activityId)).filter((a): a is ActivityDoc => a !== undefined),
      nextCursor: signups.nextCursor,
    };
  } else {
    const upcoming = input.when === 'upcoming';
    const order: PageOrder = { by: 'startAt', dir: upcoming ? 'asc' : 'desc' };
    const where = { communityId: input.communityId, endAt: upcoming ? _.gt(now) : _.lte(now) };
    const res = await sortedBy(
      ctx.db.collection(Collections.activities).where(whereAfter(ctx, where, input.cursor, order)),
      order,
    )
      .limit(input.limit + 1)
      .get();
    page = pageOf(res.data as ActivityDoc[], input, keysOf(order));
  }
  // Cancellations that died before telling (ADR 0031): the list delivers what they owe.
  await deliverAll(ctx, Collections.activities, page.items);
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
        s ? { state: s.state, waitlistPosition: waitlistPosition(a, s), proxyName: s.proxy?.actorName ?? null } : null,
      );
    }),
  );
  return { items, nextCursor: page.nextCursor };
}
