/**
 * checkin.createEvent — an admin of the community, or a building/estate leader in it, creates a
 * check-in event; the caller becomes its organiser.
 * Invariants: the schema guarantees end after start; the schedule lies within the bounds of
 * `_shared/schedule-bounds.ts` (VALIDATION `schedule.too-long` on endAt — longer than the
 * community's maxActivityHours —, `schedule.too-far-ahead`, `schedule.before-community`,
 * `schedule.in-the-past` on startAt: an event may start at most an hour ago, so a meeting under
 * way can still be set up, but no event is back-dated); check-in opens 30 minutes before the
 * start; each event gets its own random QR secret, stored with it and never returned; the id is
 * hex after a prefix, so it fits into a QR code. Not audited: it changes nobody else's data.
 */
import type { CheckinEvent, CreateEventInput } from '../../../types/checkin';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import type { EventDoc } from '../../_shared/documents';
import { newQrSecret } from '../../_shared/qr';
import { requireSaneSchedule } from '../../_shared/schedule-bounds';
import { CHECKIN_LEAD_MS } from './events';
import { requireOrganiserOf } from './permissions';
import { newId } from './store';
import { toEvent } from './to-event';
import { Collections } from '../../_shared/collections';

export async function createEvent({ ctx, input }: { ctx: Ctx; input: CreateEventInput }): Promise<CheckinEvent> {
  const actor = await loadActor(ctx);
  const organiser = requireOrganiserOf(actor, input.communityId);
  const startAt = new Date(input.startAt);
  await requireSaneSchedule(ctx, input.communityId, { startAt, endAt: new Date(input.endAt) }, { isNew: true });
  const doc: EventDoc = {
    _id: newId('evt'),
    communityId: input.communityId,
    title: input.title,
    kind: input.kind,
    place: input.place,
    startAt,
    endAt: new Date(input.endAt),
    checkinOpensAt: new Date(startAt.getTime() - CHECKIN_LEAD_MS),
    organiserId: organiser._id,
    organiserName: organiser.name,
    qrSecret: newQrSecret(),
    checkedInCount: 0,
    cancelled: false,
    cancelReason: null,
    createdAt: ctx.now(),
  };
  await ctx.db.collection(Collections.events).add(doc);
  return toEvent(doc, false, false);
}
