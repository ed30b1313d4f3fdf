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
 * - the sign-up moves with a conditional update on its `creditVersion`, so two concurrent
 *   corrections cannot both credit; the auto-closed flag is cleared; one audit entry.
 */
import { AppError } from '../../../types/errors';
import type { CorrectAttendanceInput, RosterEntry } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { getById } from '../../_shared/db-helpers';
import type { UserDoc } from '../../_shared/documents';
import { pointRules } from '../../_shared/point-rules';
import {
  capHours,
  refuseSelfCredit,
  requireAttendanceTimes,
  requireCorrectionOpen,
} from '../../_shared/schedule-bounds';
import { creditHours, reverseHours } from './attendance';
import { requireManager } from './permissions';
import { CHECKIN_LEAD_MS, CHECKOUT_GRACE_MS, pointsFor, serviceHours } from './rules';
import { C, findSignup, loadActivity } from './store';
import { toEntry } from './roster-entries';

const invalid = (field: string, message: string) =>
  new AppError('VALIDATION', 'attendance.invalid-times', message, { [field]: message });

export async function correctAttendance({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: CorrectAttendanceInput;
}): Promise<RosterEntry> {
  const actor = await loadActor(ctx);
  const activity = await loadActivity(ctx, input.activityId);
  const manager = requireManager(actor, activity);
  refuseSelfCredit(manager._id, input.userId);
  const signup = await findSignup(ctx, activity._id, input.userId);
  if (!signup || signup.pending || ['cancelled', 'waitlisted'].includes(signup.state)) {
    throw new AppError('NOT_FOUND', 'signup.not-found', '该志愿者没有本活动的有效报名');
  }
  const now = ctx.now();
  if (now.getTime() < new Date(activity.startAt).getTime() - CHECKIN_LEAD_MS) {
    throw new AppError('PRECONDITION_FAILED', 'attendance.not-started', '活动尚未开始，不能更正考勤');
  }
  const rules = await pointRules(ctx, activity.communityId);
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
  const res = await ctx.db
    .collection(C.signups)
    .where({ _id: signup._id, creditVersion: signup.creditVersion, state: signup.state })
    .update(change);
  if (res.updated !== 1) throw new AppError('CONFLICT', 'attendance.changed', '考勤刚被修改，请刷新后重试');
  if (creditedBefore && !sameHours) {
    await reverseHours(ctx, activity, signup, signup, signup.creditVersion, manager._id, input.reason);
  }
  if (!sameHours && hours > 0) await creditHours(ctx, activity, signup, hours, version, manager._id);
  await writeAudit(ctx, manager, {
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
  });
  const user = await getById<UserDoc>(ctx, C.users, signup.userId);
  return toEntry({ ...signup, ...change }, user?.phone ?? null, null);
}
