/**
 * checkin.listAttendance — an event's attendance (QR check-ins and manual records), in order
 * of arrival, paginated. Invariants: the organiser (while they still hold an organising role
 * there) and the admins of the event's community only (read from the stored event); names in
 * full for them. Writes nothing.
 */
import type { AttendancePage, ListAttendanceInput } from '../../../types/checkin';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import type { CheckinDoc } from '../../_shared/documents';
import { loadEvent } from './events';
import { requireEventManager } from './permissions';
import { pageOf } from './store';
import { toAttendance } from './to-event';
import { Collections } from '../../_shared/collections';

export async function listAttendance({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ListAttendanceInput;
}): Promise<AttendancePage> {
  const actor = await loadActor(ctx);
  const event = await loadEvent(ctx, input.eventId);
  requireEventManager(actor, event);
  const cursor = input.cursor ?? 0;
  const res = await ctx.db
    .collection(Collections.checkins)
    .where({ eventId: event._id })
    .orderBy('checkedInAt', 'asc')
    .orderBy('_id', 'asc')
    .skip(cursor)
    .limit(input.limit + 1)
    .get();
  const page = pageOf(res.data as CheckinDoc[], input);
  return { items: page.items.map(toAttendance), nextCursor: page.nextCursor };
}
