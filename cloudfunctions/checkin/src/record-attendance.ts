/**
 * checkin.recordAttendance — the organiser (while they still hold an organising role in the
 * community) or an admin of the event's community records by hand, with a reason, that a person
 * attended (e.g. their phone could not scan).
 * Invariants: the community is read from the stored event; nobody records their own attendance
 * (FORBIDDEN `attendance.self-credit`: an organiser or admin who attended is recorded by another
 * organiser or admin); the event is not cancelled and its check-in window has opened
 * (PRECONDITION_FAILED otherwise; recording after the end is allowed — that is what the hand
 * record is for — but only within the community's `attendanceCorrectionDays` after the end,
 * PRECONDITION_FAILED `attendance.correction-closed`); the person exists (NOT_FOUND) and holds a
 * role in the event's community (FORBIDDEN `checkin.not-in-community` otherwise); the same
 * natural key and points as a QR check-in, so a member recorded twice, or recorded after
 * scanning, counts once (the existing record is returned and nothing is written); a new record
 * is audited with the reason, in the record's own transaction (attendance.ts).
 * Requests: the event with its rules, the caller and the person, each with their roles, in one
 * aggregation (with-caller.ts); then the record's transaction — start, check-in, ledger entry,
 * balance (added when the read found none: the person's first credit in the community), audit
 * entry, commit — and the counter's raise: 8 (docs/adr/0017 says why a hand record may use 8).
 */
import type { Attendance, RecordAttendanceInput } from '../../../types/checkin';
import { AppError } from '../../../types/errors';
import { formatCst } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import type { EventDoc } from '../../_shared/documents';
import { refuseSelfCredit, requireCorrectionOpen } from '../../_shared/schedule-bounds';
import { checkinId, recordAttendance as record } from './attendance';
import { eventNotFound, refuseCancelled } from './events';
import { forbidden, requireEventManager } from './permissions';
import { toAttendance } from './to-event';
import { loadWithCaller } from './with-caller';
import { Collections } from '../../_shared/collections';

export async function recordAttendance({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RecordAttendanceInput;
}): Promise<Attendance> {
  // The event with its rules, the caller and the person, each with their roles: one request.
  const found = await loadWithCaller<EventDoc>(ctx, Collections.events, input.eventId, {
    rules: true,
    personId: input.userId,
  });
  if (!found) throw eventNotFound();
  const { doc: event, rules, actor } = found;
  const manager = requireEventManager(actor, event);
  refuseSelfCredit(manager._id, input.userId);
  refuseCancelled(event);
  const now = ctx.now();
  if (now.getTime() < new Date(event.checkinOpensAt).getTime()) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'checkin.outside-window',
      `签到尚未开始，${formatCst(event.checkinOpensAt)} 后才能补录`,
    );
  }
  requireCorrectionOpen(event.endAt, now, rules.attendanceCorrectionDays);
  if (!found.person) throw new AppError('NOT_FOUND', 'user.not-found', '该用户不存在');
  const { user: person, roles, hasBalance } = found.person;
  if (!roles.some((role) => role.communityId === event.communityId)) {
    throw forbidden('checkin.not-in-community', `${person.name} 不是本社区的成员，不能登记签到`);
  }

  const recorded = await record(ctx, {
    event,
    member: person,
    method: 'manual',
    reason: input.reason,
    recordedBy: manager._id,
    rules,
    balanceAbsent: !hasBalance,
    audit: {
      actor: manager,
      entry: {
        communityId: event.communityId,
        action: 'checkin.recordAttendance',
        targetKind: 'checkin',
        targetId: checkinId(event._id, person._id),
        summary: `为 ${person.name} 补录活动“${event.title}”的签到：${input.reason}`,
        before: null,
      },
      after: (doc, pointsAwarded) => ({ ...toAttendance(doc), pointsAwarded }),
    },
  });
  const attendance = toAttendance(recorded.doc);
  return attendance;
}
