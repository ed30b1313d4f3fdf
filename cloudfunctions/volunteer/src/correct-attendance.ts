/**
 * volunteer.correctAttendance — the organiser (while they still hold the role that let them
 * publish the activity) or an admin of its community corrects one volunteer's attendance
 * (completed with times, or no_show) with a reason. Invariants:
 * - nobody corrects their own attendance (FORBIDDEN `attendance.self-credit`): an organiser or
 *   admin who served is corrected by another organiser or admin;
 * - only for a sign-up that held a place (confirmed, checked in, completed, no-show), after
 *   check-in opened, and no later than the community's `attendanceCorrectionDays` after the end
 *   (PRECONDITION_FAILED `attendance.correction-closed`);
 * - completed needs check-in and check-out times (given or stored), each inside
 *   [start − 30 min, end + 30 min] (`attendance.outside-activity`), not in the future
 *   (`attendance.in-future`), out ≥ in (`attendance.invalid-times`) — VALIDATION on the field;
 * - hours are recomputed with the same rule as a scan and never exceed the activity's length
 *   nor the community's maxActivityHours (`capHours`); points follow them through the ledger,
 *   append-only: if an entry was credited for different hours it is reversed
 *   (`reversal:<key>`) and the new hours credited under the next key (`…:v2`, `…:v3`);
 * - ONE transaction writes the sign-up (the auto-closed flag cleared), the reversal and the new
 *   credit with the balance, and the one audit entry together — a crash leaves all or none of
 *   them — and goes on only if the sign-up is still as read (CONFLICT `attendance.changed`
 *   otherwise, nothing written), so two concurrent corrections (or a correction and a scan)
 *   cannot both credit: a correction that reverses an entry is guarded by the reversal's key
 *   (every other move from that state reverses the same entry, and the second add collides);
 *   any other re-reads the sign-up in the transaction and checks its `creditVersion` and state.
 * Requests: the caller with the sign-up, its activity, person, the community's rules and whether
 * the person has a balance there 1 (one aggregation, caller-with-signup.ts); the transaction:
 * start, [the sign-up's re-read when nothing is reversed], its write, the audit entry, commit,
 * plus the ledger move (a reversal and/or a credit, and the balance once — added for a member's
 * first credit in the community) — 6 when the hours stay, 7 for a reversal alone, 8 for a first
 * credit or a reversal and a new credit (docs/adr/0017).
 */
import { Collections } from '../../_shared/collections';
import { AppError } from '../../../types/errors';
import type { CorrectAttendanceInput, RosterEntry } from '../../../types/volunteer';
import type { Ctx } from '../../_shared/context';
import { auditDocOf } from '../../_shared/audit';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction } from '../../_shared/database';
import {
  capHours,
  refuseSelfCredit,
  requireAttendanceTimes,
  requireCorrectionOpen,
} from '../../_shared/schedule-bounds';
import { moveHoursInTransaction } from './attendance';
import { callerWithSignup } from './caller-with-signup';
import { requireManager } from './permissions';
import { CHECKIN_LEAD_MS, CHECKOUT_GRACE_MS, pointsFor, serviceHours } from './rules';
import { loadActivity, newId } from './store';
import { toEntry } from './roster-entries';
import { applyKeyedMove, applyMove } from '../../_shared/state-machine';
import { signupMachine } from './signup-machine';

const invalid = (field: string, message: string) =>
  new AppError('VALIDATION', 'attendance.invalid-times', message, { [field]: message });

/** Thrown inside the transaction when the sign-up moved since it was read. */
class Changed extends Error {}

export async function correctAttendance({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: CorrectAttendanceInput;
}): Promise<RosterEntry> {
  const read = await callerWithSignup(ctx, input.activityId, { userId: input.userId });
  const { actor, signup, person: user, rules: joined } = read;
  const activity = read.activity ?? (await loadActivity(ctx, input.activityId));
  const manager = requireManager(actor, activity);
  refuseSelfCredit(manager._id, input.userId);
  if (!signup || !joined || signup.pending || ['cancelled', 'waitlisted'].includes(signup.state)) {
    throw new AppError('NOT_FOUND', 'signup.not-found', '该志愿者没有本活动的有效报名');
  }
  const rules = joined;
  const now = ctx.now();
  if (now.getTime() < new Date(activity.startAt).getTime() - CHECKIN_LEAD_MS) {
    throw new AppError('PRECONDITION_FAILED', 'attendance.not-started', '活动尚未开始，不能更正考勤');
  }
  requireCorrectionOpen(activity.endAt, now, rules.attendanceCorrectionDays);
  let checkedInAt: Date | null = null;
  let checkedOutAt: Date | null = null;
  let hours = 0;
  if (input.state === 'completed') {
    const inAt = input.checkedInAt ?? signup.checkedInAt;
    const outAt = input.checkedOutAt ?? signup.checkedOutAt;
    if (!inAt) throw invalid('checkedInAt', '请填写签到时间');
    if (!outAt) throw invalid('checkedOutAt', '请填写签退时间');
    checkedInAt = new Date(inAt);
    checkedOutAt = new Date(outAt);
    requireAttendanceTimes(
      { startAt: activity.startAt, endAt: activity.endAt, leadMs: CHECKIN_LEAD_MS, graceMs: CHECKOUT_GRACE_MS },
      checkedInAt,
      checkedOutAt,
      now,
    );
    hours = capHours(
      serviceHours(checkedInAt, checkedOutAt, activity.startAt, activity.endAt),
      activity,
      rules.maxActivityHours,
    );
  }
  const points = hours > 0 ? pointsFor(hours, activity.pointsPerHour) : 0;
  const creditedBefore = signup.creditVersion >= 1 && signup.hours > 0;
  const sameHours = creditedBefore && signup.hours === hours;
  const version = sameHours ? signup.creditVersion : hours > 0 ? signup.creditVersion + 1 : signup.creditVersion;
  const change = {
    state: input.state,
    checkedInAt,
    checkedOutAt,
    hours,
    points,
    autoClosed: false,
    correctedReason: input.reason,
    creditVersion: version,
    updatedAt: now,
  };
  const audit = auditDocOf(
    ctx,
    manager,
    {
      communityId: activity.communityId,
      action: 'volunteer.correctAttendance',
      targetKind: 'signup',
      targetId: signup._id,
      summary: `更正“${signup.userName}”在志愿活动“${activity.title}”的考勤：${input.reason}`,
      before: {
        state: signup.state,
        checkedInAt: signup.checkedInAt,
        checkedOutAt: signup.checkedOutAt,
        hours: signup.hours,
      },
      after: { state: input.state, checkedInAt, checkedOutAt, hours },
    },
    newId('audit'),
  );
  // A correction that reverses an entry needs no re-read: any other move of this sign-up from
  // the state read (a correction that is not for the same hours) reverses the same entry, whose
  // key then collides and aborts this transaction. Any other correction re-reads the sign-up.
  const reverses = creditedBefore && !sameHours;
  const run = (balanceAbsent: boolean) =>
    runTransaction(ctx.db, async (tx) => {
      const move = { id: signup._id, from: signup.state, to: change.state, update: change };
      if (reverses) {
        // Keyed by the reversal moveHoursInTransaction adds below.
        await applyKeyedMove(tx, signupMachine, 'correct', move);
      } else {
        const moved = await applyMove(
          ctx.db,
          signupMachine,
          'correct',
          { ...move, where: { creditVersion: signup.creditVersion } },
          tx,
        );
        if (!moved.applied) throw new Changed();
      }
      if (!sameHours) {
        await moveHoursInTransaction(tx, ctx, activity, signup, {
          ...(creditedBefore
            ? {
                reverse: {
                  version: signup.creditVersion,
                  hours: signup.hours,
                  points: signup.points,
                  why: input.reason,
                },
              }
            : {}),
          ...(hours > 0 ? { credit: { version, hours } } : {}),
          createdBy: manager._id,
          balanceAbsent,
        });
      }
      await tx.collection(Collections.auditLog).add(audit);
      crashPoint('volunteer.correctAttendance.before-commit');
    });
  // The balance is added when the read saw none (the member's first credit in the community).
  let balanceAbsent = read.hasBalance === false;
  for (;;) {
    try {
      await run(balanceAbsent);
      break;
    } catch (error) {
      const duplicate = (error as { code?: unknown } | null)?.code === 'DATABASE_DUPLICATE_WRITE';
      // The collision may be a balance created meanwhile: the correction runs again without the hint.
      if (duplicate && balanceAbsent) {
        balanceAbsent = false;
        continue;
      }
      if (!(error instanceof Changed) && !duplicate) throw error;
      throw new AppError('CONFLICT', 'attendance.changed', '考勤刚被修改，请刷新后重试');
    }
  }
  return toEntry({ ...signup, ...change }, user?.phone ?? null, null);
}
