/**
 * checkin.listEvents — a community's events for anyone with a role in it, paginated:
 * upcoming (not yet ended, soonest first) or past (ended, most recent first). Cancelled events
 * are listed with their flag. `checkedIn` tells whether the caller has checked in to each;
 * `managedByAdmins` whether the organiser's role is gone and the community's admins manage it.
 * Invariants: a caller without a role in the community is FORBIDDEN; the clock is
 * `ctx.now()`. Writes nothing.
 */
import type { EventPage, ListEventsInput } from '../../../types/checkin';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { getAll } from '../../_shared/db-helpers';
import type { CheckinDoc } from '../../_shared/documents';
import { managedByAdmins, requireRoleIn } from './permissions';
import { pageOrderedBy } from '../../_shared/paging';
import { toEvent } from './to-event';
import { Collections } from '../../_shared/collections';

export async function listEvents({ ctx, input }: { ctx: Ctx; input: ListEventsInput }): Promise<EventPage> {
  const actor = await loadActor(ctx);
  const user = requireRoleIn(actor, input.communityId);
  const _ = ctx.db.command;
  const now = ctx.now();
  const upcoming = input.when === 'upcoming';
  const page = await pageOrderedBy(
    ctx,
    Collections.events,
    { communityId: input.communityId, endAt: upcoming ? _.gte(now) : _.lt(now) },
    input,
    { by: 'startAt', dir: upcoming ? 'asc' : 'desc' },
  );
  const ids = page.items.map((e) => `${e._id}:${user._id}`);
  const mine =
    ids.length === 0 ? [] : await getAll<CheckinDoc>(ctx.db.collection(Collections.checkins).where({ _id: _.in(ids) }));
  const checkedIn = new Set(mine.map((c) => c.eventId));
  const byAdmins = await managedByAdmins(ctx, page.items);
  return {
    items: page.items.map((e) => toEvent(e, checkedIn.has(e._id), byAdmins.get(e._id) ?? false)),
    nextCursor: page.nextCursor,
  };
}
