/**
 * checkin.checkIn — a member checks in (签到) with the text scanned from an event's live QR, or
 * with the event's 6-digit spoken code typed on its page: six digits (spaces ignored) take the
 * path of spoken-check-in.ts, with its own order of checks and its attempt limits. For a QR code,
 * the invariants, in the order they are checked:
 * - the caller has an identity (UNAUTHENTICATED) — nothing in the input says who they are;
 * - the text is one of our codes, for an event (PRECONDITION_FAILED `qr.malformed`), and, when
 *   the member scanned from an event's page, for that event (`qr.wrong-event`);
 * - the event exists (NOT_FOUND) and the code's MAC is the event's and its slot is the current
 *   or the previous one (`qr.forged`, `qr.expired`, `qr.not-yet-valid`) — verified before
 *   anything about the event is revealed;
 * - the caller has a profile and a role in the event's community (FORBIDDEN);
 * - the event is not cancelled (`event.cancelled`) and now ∈ [checkinOpensAt, endAt]
 *   (`checkin.outside-window`, naming the time in China Standard Time);
 * - the caller is not the event's organiser (FORBIDDEN `attendance.self-credit`): the organiser
 *   shows the code, so an organiser who attends is recorded by another organiser or an admin;
 * - then the attendance is recorded once per member and event, however many scans arrive and
 *   however concurrently (see attendance.ts): a repeat answers `alreadyCheckedIn: true` with
 *   the first check-in's time and no points.
 * Every refusal writes nothing. The clock is `ctx.now()`.
 * Requests: the event with its community's rules and the caller with their roles, in one
 * aggregation (with-caller.ts), then attendance.ts's transaction and counter raise.
 */
import type { CheckInInput, CheckInResult } from '../../../types/checkin';
import { AppError } from '../../../types/errors';
import { requireOpenid } from '../../_shared/auth';
import type { Ctx } from '../../_shared/context';
import type { EventDoc } from '../../_shared/documents';
import { parseCode, qrRefusalMessages, verifyCode, type QrRefusal } from '../../_shared/qr';
import { checkInSelf } from './attendance';
import { eventNotFound } from './events';
import { requireSelfCheckIn } from './permissions';
import { asSpokenCode } from './spoken-code';
import { checkInBySpokenCode } from './spoken-check-in';
import { loadWithCaller } from './with-caller';
import { Collections } from '../../_shared/collections';

function refused(reason: QrRefusal): AppError {
  return new AppError('PRECONDITION_FAILED', reason, qrRefusalMessages[reason]);
}

export async function checkIn({ ctx, input }: { ctx: Ctx; input: CheckInInput }): Promise<CheckInResult> {
  requireOpenid(ctx);
  const digits = asSpokenCode(input.code);
  if (digits !== null) return checkInBySpokenCode(ctx, digits, input.eventId);
  const parsed = parseCode(input.code);
  if (!parsed || parsed.kind !== 'event') throw refused('qr.malformed');
  if (input.eventId !== undefined && input.eventId !== parsed.id) {
    throw new AppError('PRECONDITION_FAILED', 'qr.wrong-event', '这不是本活动的签到码');
  }
  const found = await loadWithCaller<EventDoc>(ctx, Collections.events, parsed.id, { rules: true });
  if (!found) throw eventNotFound();
  const { doc: event, rules, actor } = found;
  const now = ctx.now();
  const verdict = verifyCode(parsed, event.qrSecret, now);
  if (!verdict.ok) throw refused(verdict.reason);

  const member = requireSelfCheckIn(actor, event, now, 'qr');
  return checkInSelf(ctx, { event, member, method: 'qr', rules });
}
