/**
 * checkin.listAttendance — an event's attendance (QR check-ins and manual records), in order
 * of arrival, paginated. Invariants: the organiser (while they still hold an organising role
 * there) and the admins of the event's community only (read from the stored event); names in
 * full for them. Writes nothing.
 */
import type { AttendancePage, ListAttendanceInput } from '../../../types/checkin';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { loadEvent } from './events';
import { requireEventManager } from './permissions';
import { pageOrderedBy } from '../../_shared/paging';
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
  const page = await pageOrderedBy(ctx, Collections.checkins, { eventId: event._id }, input, {
    by: 'checkedInAt',
    dir: 'asc',
  });
  return { items: page.items.map(toAttendance), nextCursor: page.nextCursor };
}
