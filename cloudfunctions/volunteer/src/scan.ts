/**
 * volunteer.scan — a confirmed volunteer checks in ('activity-in' code) and later out
 * ('activity-out' code), with the scanned QR or the activity's 6-digit spoken code typed on its
 * page. Invariants, in order:
 * - six digits (spoken-code.ts, ADR 0037) need the activity they were
 *   typed for (`activity.code-needs-activity`) and are checked against its two codes only, after
 *   the caller's standing below and inside the time codes are shown (start − 40 min to end +
 *   30 min) — so those refusals cost no attempt — and with wrong attempts limited per person and
 *   per activity; the code that matches says whether it checks in or out; after that, exactly
 *   the QR's steps below;
 * - otherwise the text is one of our activity codes (`qr.malformed`) for the activity scanned from, if
 *   given (`qr.wrong-activity`); the activity exists; the MAC and slot verify with the activity's
 *   own secret (`qr.forged`, `qr.expired`, `qr.not-yet-valid`) — before anything is revealed;
 * - the activity is not cancelled; the caller is not its organiser (FORBIDDEN
 *   `attendance.self-credit`: the organiser shows the code, so an organiser who also serves is
 *   credited by another organiser or an admin through correctAttendance); the caller holds a
 *   confirmed (or checked-in) sign-up;
 * - check-in only inside [start − 30 min, end]; check-out only after check-in (a check-out
 *   code before it is `attendance.not-checked-in`), until 30 min after the end;
 * - each step is a conditional update on the state it leaves (confirmed → checked_in →
 *   completed), so repeated or concurrent scans count once; a repeat returns what is stored
 *   with `pointsAwarded: 0`;
 * - hours = overlap of [check-in, check-out] with [start, end], rounded down to a quarter hour,
 *   never more than the activity's length nor the community's maxActivityHours;
 *   points = floor(hours × pointsPerHour), credited once (key `volunteer:<activityId>:<userId>`);
 *   the check-out and its credit are ONE transaction (ADR 0015): it re-reads the sign-up and
 *   moves it only if it is still checked in, adding the entry and moving the balance with it, so
 *   a crash leaves both or neither (a sign-up completed by the former two-write design without
 *   its credit still has it made good by a later check-out scan or the close-attendance job).
 * Every refusal writes nothing (a wrong spoken code: its attempt counters only).
 * Requests: the caller with their sign-up, the activity, the community's rules and whether they
 * have a balance there 1 (one aggregation, caller-with-signup.ts); check-in 1 more (the
 * conditional move); check-out the transaction 6 (start, re-read, move, entry, balance — updated,
 * or added for a member's first credit in the community — commit) — 7, an act and its credit
 * (docs/adr/0017).
 */
import { AppError } from '../../../types/errors';
import { crashPoint } from '../../_shared/crash-points';
import { formatCst } from '../../../types/time';
import type { AttendanceResult, ScanInput } from '../../../types/volunteer';
import { requireOpenid } from '../../_shared/auth';
import type { Ctx } from '../../_shared/context';
import { iso } from '../../_shared/db-helpers';
import { runTransaction } from '../../_shared/database';
import { parseCode, qrRefusalMessages, verifyCode, type QrRefusal } from '../../_shared/qr';
import { capHours } from '../../_shared/schedule-bounds';
import { refuseCancelled } from './activity-rules';
import { creditHours, moveHoursInTransaction } from './attendance';
import { callerWithSignup, type CallerWithSignup } from './caller-with-signup';
import { forbidden } from './permissions';
import {
  CHECKIN_LEAD_MS,
  CHECKOUT_GRACE_MS,
  inCheckinWindow,
  LIVE_CODE_LEAD_MS,
  pointsFor,
  serviceHours,
} from './rules';
import { verifyActivitySpokenCode } from './spoken-code';
import { asSpokenCode } from '../../_shared/spoken-code';
import { findSignup, loadActivity, type ActivityDoc, type SignupDoc } from './store';
import { applyMove } from '../../_shared/state-machine';
import { signupMachine } from './signup-machine';

function refused(reason: QrRefusal): AppError {
  return new AppError('PRECONDITION_FAILED', reason, qrRefusalMessages[reason]);
}

function result(s: SignupDoc, pointsAwarded: number): AttendanceResult {
  return {
    activityId: s.activityId,
    state: s.state,
    checkedInAt: s.checkedInAt ? iso(s.checkedInAt) : null,
    checkedOutAt: s.checkedOutAt ? iso(s.checkedOutAt) : null,
    hours: s.hours,
    pointsAwarded,
  };
}

export async function scan({ ctx, input }: { ctx: Ctx; input: ScanInput }): Promise<AttendanceResult> {
  requireOpenid(ctx);
  const digits = asSpokenCode(input.code);
  const now = ctx.now();
  let kind: 'activity-in' | 'activity-out';
  let joined: CallerWithSignup;
  let activity: ActivityDoc;
  let signup: SignupDoc;
  if (digits !== null) {
    // The 6-digit spoken code: checked against the activity whose page it was typed on only.
    if (input.activityId === undefined) {
      throw new AppError(
        'PRECONDITION_FAILED',
        'activity.code-needs-activity',
        '数字签到码只能在活动页面输入：请先打开您报名的志愿活动',
      );
    }
    joined = await callerWithSignup(ctx, input.activityId, 'caller');
    activity = joined.activity ?? (await loadActivity(ctx, input.activityId));
    signup = requireAttendee(joined, activity);
    // No code of the activity is shown outside these times: such digits cost no attempt.
    const shownFrom = new Date(activity.startAt).getTime() - CHECKIN_LEAD_MS - LIVE_CODE_LEAD_MS;
    if (now.getTime() < shownFrom || now.getTime() > new Date(activity.endAt).getTime() + CHECKOUT_GRACE_MS) {
      throw new AppError(
        'PRECONDITION_FAILED',
        'attendance.outside-window',
        `现在不在本活动的签到签退时间内（活动时间 ${formatCst(activity.startAt)} 至 ${formatCst(activity.endAt)}）`,
      );
    }
    kind = await verifyActivitySpokenCode(ctx, activity, signup.userId, digits, now);
  } else {
    const parsed = parseCode(input.code);
    if (!parsed || (parsed.kind !== 'activity-in' && parsed.kind !== 'activity-out')) throw refused('qr.malformed');
    if (input.activityId !== undefined && input.activityId !== parsed.id) {
      throw new AppError('PRECONDITION_FAILED', 'qr.wrong-activity', '这不是本活动的签到码');
    }
    joined = await callerWithSignup(ctx, parsed.id, 'caller');
    activity = joined.activity ?? (await loadActivity(ctx, parsed.id));
    const verdict = verifyCode(parsed, activity.qrSecret, now);
    if (!verdict.ok) throw refused(verdict.reason);
    signup = requireAttendee(joined, activity);
    kind = parsed.kind;
  }

  if (kind === 'activity-in') {
    if (signup.state !== 'confirmed') return result(signup, 0);
    if (!inCheckinWindow(activity.startAt, activity.endAt, now)) {
      const early = now.getTime() < new Date(activity.startAt).getTime();
      throw new AppError(
        'PRECONDITION_FAILED',
        'attendance.outside-window',
        early
          ? `签到尚未开始，将于 ${formatCst(new Date(new Date(activity.startAt).getTime() - CHECKIN_LEAD_MS))} 开放签到`
          : `签到已结束，活动已于 ${formatCst(activity.endAt)} 结束`,
      );
    }
    const change = { state: 'checked_in' as const, checkedInAt: now, updatedAt: now };
    const res = await applyMove(ctx.db, signupMachine, 'checkIn', {
      id: signup._id,
      from: 'confirmed',
      to: change.state,
      update: change,
    });
    // A concurrent scan won: what it stored is read back; otherwise the reply is what was written.
    if (!res.applied) return result((await findSignup(ctx, activity._id, signup.userId)) ?? signup, 0);
    return result({ ...signup, ...change }, 0);
  }

  // activity-out
  if (signup.state === 'completed') {
    // A repeat — or the retry of a check-out that died between its move and its credit: the
    // keyed credit makes good what is missing and is a no-op otherwise.
    const awarded =
      signup.creditVersion >= 1
        ? await creditHours(ctx, activity, signup, signup.hours, signup.creditVersion, null)
        : 0;
    return result(signup, awarded);
  }
  if (signup.state !== 'checked_in' || !signup.checkedInAt) {
    throw new AppError('PRECONDITION_FAILED', 'attendance.not-checked-in', '您还没有签到，请先扫描签到码');
  }
  if (now.getTime() > new Date(activity.endAt).getTime() + CHECKOUT_GRACE_MS) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'attendance.outside-window',
      `签退已结束，活动已于 ${formatCst(activity.endAt)} 结束`,
    );
  }
  const { maxActivityHours } = joined.rules!;
  const hours = capHours(
    serviceHours(signup.checkedInAt, now, activity.startAt, activity.endAt),
    activity,
    maxActivityHours,
  );
  const points = hours > 0 ? pointsFor(hours, activity.pointsPerHour) : 0;
  const change = {
    state: 'completed' as const,
    checkedOutAt: now,
    hours,
    points,
    creditVersion: hours > 0 ? 1 : 0,
    updatedAt: now,
  };
  const checkOut = (balanceAbsent: boolean) =>
    runTransaction(ctx.db, async (tx) => {
      const moved = await applyMove(
        ctx.db,
        signupMachine,
        'checkOut',
        { id: signup._id, from: 'checked_in', to: change.state, update: change },
        tx,
      );
      if (!moved.applied) throw new Moved();
      const credited =
        hours > 0
          ? await moveHoursInTransaction(tx, ctx, activity, signup, {
              credit: { version: 1, hours },
              createdBy: null,
              balanceAbsent,
            })
          : 0;
      crashPoint('volunteer.scan.before-commit');
      return credited;
    });
  // The balance is added when the read saw none (a member's first credit in the community).
  let balanceAbsent = joined.hasBalance === false;
  for (;;) {
    try {
      return result({ ...signup, ...change }, await checkOut(balanceAbsent));
    } catch (error) {
      // The collision may be a balance created meanwhile: the check-out runs again without the hint.
      if (balanceAbsent && isDuplicate(error)) {
        balanceAbsent = false;
        continue;
      }
      // A concurrent scan (or a correction) moved it first: what it stored is the reply.
      if (!(error instanceof Moved) && !isDuplicate(error)) throw error;
      return result((await findSignup(ctx, activity._id, signup.userId)) ?? signup, 0);
    }
  }
}

/**
 * Who may check in or out of the activity, after the code was checked (QR) or before (spoken
 * code): a caller with a profile, on an activity not cancelled, who is not its organiser, with a
 * confirmed (or checked-in / completed) sign-up. Returns that sign-up.
 */
function requireAttendee(joined: CallerWithSignup, activity: ActivityDoc): SignupDoc {
  const { actor } = joined;
  if (!actor.user) throw forbidden('account.no-profile', '请先完善个人信息后再签到');
  refuseCancelled(activity);
  if (activity.organiserId === actor.user._id) {
    throw new AppError(
      'FORBIDDEN',
      'attendance.self-credit',
      '您是本活动的组织者，不能用本活动的签到码为自己签到签退，请由其他组织者或社区管理员登记',
    );
  }
  const signup = joined.signup ?? null;
  const active = signup && !signup.pending && ['confirmed', 'checked_in', 'completed'].includes(signup.state);
  if (!signup || !active) {
    throw new AppError('PRECONDITION_FAILED', 'attendance.not-confirmed', '您没有本活动的有效报名（已报名），不能签到');
  }
  return signup;
}

/** Thrown inside the check-out's transaction when the sign-up is no longer checked in. */
class Moved extends Error {}

const isDuplicate = (error: unknown) => (error as { code?: unknown } | null)?.code === 'DATABASE_DUPLICATE_WRITE';
