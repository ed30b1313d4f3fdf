/**
 * checkin.checkIn with the event's 6-digit spoken code (数字签到码), typed on the event's page
 * (docs/adr/0036). Invariants, in the order they are checked:
 * - the caller names the event (`eventId`; PRECONDITION_FAILED `checkin.code-needs-event`
 *   otherwise): six digits are checked against that one event only, never looked up;
 * - the event exists (NOT_FOUND), the caller has a profile and a role in its community
 *   (FORBIDDEN), it is not cancelled, now ∈ [checkinOpensAt, endAt] and the caller is not its
 *   organiser — all before any attempt is counted, so a refusal that has nothing to do with the
 *   digits costs no attempt and a stranger cannot use up the event's attempts;
 * - the event has attempts left in its window (LIMIT_EXCEEDED `checkin.code-event-limited`) and
 *   so has the caller, across all events (`checkin.code-limited`); each refusal names the time
 *   (China Standard Time) to try again, and the QR keeps working;
 * - the caller's attempt is counted before the digits are checked (guess-limit.ts `reserve`);
 *   a right or an expired code gives it back, so only wrong codes count;
 * - right: the code of the current or the previous 2-minute window; one a little older is
 *   `checkin.code-expired`, anything else `checkin.code-wrong` (and also counts for the event);
 * - then exactly the QR's recording (attendance.ts): one check-in per member and event, one
 *   credit, a repeat answers `alreadyCheckedIn: true`; the record's method is `code`.
 * A refusal writes nothing but the attempt counters. The clock is `ctx.now()`.
 */
import type { CheckInResult } from '../../../types/checkin';
import { AppError } from '../../../types/errors';
import { cstClock } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import type { EventDoc } from '../../_shared/documents';
import { Collections } from '../../_shared/collections';
import { checkInSelf } from './attendance';
import { eventNotFound } from './events';
import {
  blockedUntil,
  GUESS_WINDOW_MS,
  PERSON_GUESS_LIMIT,
  personCounterId,
  readCounters,
  release,
  reserve,
} from '../../_shared/guess-limit';
import { EVENT_GUESS_LIMIT, eventCounterId } from './guess-limit';
import { requireSelfCheckIn } from './permissions';
import { checkSpokenCode } from './spoken-code';
import { minutesUntil } from '../../_shared/spoken-code';
import { loadWithCaller } from './with-caller';

export async function checkInBySpokenCode(
  ctx: Ctx,
  digits: string,
  eventId: string | undefined,
): Promise<CheckInResult> {
  if (eventId === undefined) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'checkin.code-needs-event',
      '数字签到码只能在活动页面输入：请先在“活动签到”中打开您参加的活动',
    );
  }
  const found = await loadWithCaller<EventDoc>(ctx, Collections.events, eventId, { rules: true });
  if (!found) throw eventNotFound();
  const { doc: event, rules, actor } = found;
  const now = ctx.now();
  const member = requireSelfCheckIn(actor, event, now, 'code');

  const personId = personCounterId(member._id);
  const eventCounter = eventCounterId(event._id);
  const counters = await readCounters(ctx, [personId, eventCounter]);
  const eventBlocked = blockedUntil(counters.get(eventCounter), EVENT_GUESS_LIMIT, now);
  if (eventBlocked) {
    throw new AppError(
      'LIMIT_EXCEEDED',
      'checkin.code-event-limited',
      `本活动的数字签到码错误次数过多，已暂停到 ${cstClock(eventBlocked)}（约 ${minutesUntil(eventBlocked, now)} 分钟后）；现在请扫描现场二维码签到，或请组织者补录`,
    );
  }
  const reserved = await reserve(ctx, personId, PERSON_GUESS_LIMIT, now, counters.get(personId));
  if (!reserved.ok && 'busy' in reserved) {
    throw new AppError('CONFLICT', 'checkin.code-busy', '此刻签到的人较多，请稍等几秒再输入一次');
  }
  if (!reserved.ok) {
    throw new AppError(
      'LIMIT_EXCEEDED',
      'checkin.code-limited',
      `数字签到码已输错${PERSON_GUESS_LIMIT}次，请于 ${cstClock(reserved.retryAt)}（约 ${minutesUntil(reserved.retryAt, now)} 分钟后）再试；现在也可以扫描现场二维码签到`,
    );
  }
  crashPoint('checkin.code.after-reserve');

  const verdict = checkSpokenCode(event.qrSecret, event._id, digits, now);
  if (verdict !== 'wrong') await release(ctx, personId, reserved.windowStart);
  if (verdict === 'expired') {
    throw new AppError(
      'PRECONDITION_FAILED',
      'checkin.code-expired',
      '这个签到码已过期（每2分钟更换一次），请输入组织者屏幕上现在显示的6位数字',
    );
  }
  if (verdict === 'wrong') {
    // The event's counter only counts (its limit is checked above, before the caller's attempt);
    // losing its races (`busy`) loses that count, nothing else.
    await reserve(ctx, eventCounter, EVENT_GUESS_LIMIT, now, counters.get(eventCounter));
    const left = PERSON_GUESS_LIMIT - reserved.count;
    throw new AppError(
      'PRECONDITION_FAILED',
      'checkin.code-wrong',
      left > 0
        ? `签到码不正确，请核对组织者报出的6位数字（10分钟内还可再试${left}次）`
        : `签到码不正确，10分钟内已输错${PERSON_GUESS_LIMIT}次，请于 ${cstClock(new Date(reserved.windowStart.getTime() + GUESS_WINDOW_MS))} 后再试，或扫描现场二维码签到`,
    );
  }

  return checkInSelf(ctx, { event, member, method: 'code', rules });
}
