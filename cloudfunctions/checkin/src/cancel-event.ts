/**
 * checkin.cancelEvent — the organiser (while they still hold an organising role there) or an
 * admin of the event's community cancels it, with a reason.
 * Invariants: the community is read from the stored event; an event already cancelled or
 * already over cannot be cancelled (PRECONDITION_FAILED) — a conditional write on
 * `cancelled: false` keeps racing cancellations to one; check-ins already made and their points
 * stay; once cancelled, its codes and manual attendance are refused. One audit entry.
 */
import type { CancelEventInput, CheckinEvent } from '../../../types/checkin';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { hasEnded, loadEvent, refuseCancelled } from './events';
import { isManagedByAdmins, requireEventManager } from './permissions';
import { toEvent } from './to-event';
import { Collections } from '../../_shared/collections';

export async function cancelEvent({ ctx, input }: { ctx: Ctx; input: CancelEventInput }): Promise<CheckinEvent> {
  const actor = await loadActor(ctx);
  const event = await loadEvent(ctx, input.eventId);
  const manager = requireEventManager(actor, event);
  refuseCancelled(event);
  if (hasEnded(event, ctx.now())) {
    throw new AppError('PRECONDITION_FAILED', 'event.ended', '活动已结束，不能取消');
  }
  const change = { cancelled: true, cancelReason: input.reason };
  const res = await ctx.db.collection(Collections.events).where({ _id: event._id, cancelled: false }).update(change);
  if (res.updated !== 1) refuseCancelled({ ...event, cancelled: true });
  await writeAudit(ctx, manager, {
    communityId: event.communityId,
    action: 'checkin.cancelEvent',
    targetKind: 'event',
    targetId: event._id,
    summary: `取消活动“${event.title}”：${input.reason}`,
    before: { cancelled: false },
    after: change,
  });
  return toEvent({ ...event, ...change }, false, await isManagedByAdmins(ctx, event));
}
