/**
 * The bounds of a schedule and of the attendance recorded against it, in one place for the
 * volunteer activities and the check-in events (issue #12, part 1 and 2). Invariants:
 * - an activity or event lasts at most the community's `maxActivityHours` (point-rules.ts);
 * - it starts no earlier than the community existed (its `createdAt`, else PLATFORM_EPOCH) and
 *   at most MAX_DAYS_AHEAD days after `ctx.now()`; a new one does not start more than
 *   START_GRACE_MS in the past;
 * - a check-in or check-out written by hand lies inside [start − lead, end + grace] of the
 *   activity, is not in the future, and a check-out is not before its check-in;
 * - credited hours never exceed the activity's own length nor the community's longest activity;
 * - attendance is corrected only within `attendanceCorrectionDays` after the end, and never by
 *   the person it credits.
 * Every refusal here is VALIDATION naming the field, PRECONDITION_FAILED or FORBIDDEN, thrown
 * before the caller writes anything. The clock is always the `now` the caller read from
 * `ctx.now()`.
 */
import { AppError } from '../../types/errors';
import { Collections } from './collections';
import type { Ctx } from './context';
import { getById } from './db-helpers';
import { pointRules } from './point-rules';

const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Communities created before they carried `createdAt` are taken to exist since the platform began. */
export const PLATFORM_EPOCH = new Date('2020-01-01T00:00:00+08:00');
/** The furthest ahead an activity or event may start. */
export const MAX_DAYS_AHEAD = 366;
/** A new activity or event may start this long before now (set up while it is already under way). */
export const START_GRACE_MS = 60 * MIN;

const ms = (d: Date | string) => new Date(d).getTime();

/** When the community came to exist on the platform. */
export async function communityOrigin(ctx: Ctx, communityId: string): Promise<Date> {
  const community = await getById(ctx, Collections.communities, communityId);
  return community?.createdAt ? new Date(community.createdAt) : PLATFORM_EPOCH;
}

function invalid(reason: string, field: string, message: string): AppError {
  return new AppError('VALIDATION', reason, message, { [field]: message });
}

/**
 * Refuses a schedule outside the bounds (VALIDATION naming `startAt` or `endAt`): longer than
 * the community's `maxActivityHours`, starting before the community existed or more than
 * MAX_DAYS_AHEAD days ahead, or — when `isNew` — starting more than START_GRACE_MS ago.
 */
export async function requireSaneSchedule(
  ctx: Ctx,
  communityId: string,
  schedule: { startAt: Date; endAt: Date },
  opts: { isNew: boolean },
): Promise<void> {
  const now = ctx.now().getTime();
  const start = ms(schedule.startAt);
  const end = ms(schedule.endAt);
  const { maxActivityHours } = await pointRules(ctx, communityId);
  if (end - start > maxActivityHours * HOUR) {
    throw invalid('schedule.too-long', 'endAt', `活动时长不能超过${maxActivityHours}小时`);
  }
  if (start > now + MAX_DAYS_AHEAD * DAY) {
    throw invalid('schedule.too-far-ahead', 'startAt', `开始时间不能晚于${MAX_DAYS_AHEAD}天之后`);
  }
  if (start < ms(await communityOrigin(ctx, communityId))) {
    throw invalid('schedule.before-community', 'startAt', '开始时间不能早于本社区开通之日');
  }
  if (opts.isNew && start < now - START_GRACE_MS) {
    throw invalid('schedule.in-the-past', 'startAt', '开始时间已过，不能发布已开始的活动');
  }
}

/** The on-site window of an activity: check-in from `leadMs` before the start, check-out until `graceMs` after the end. */
export interface OnSiteWindow {
  startAt: Date | string;
  endAt: Date | string;
  leadMs: number;
  graceMs: number;
}

/**
 * Refuses hand-written attendance times (VALIDATION naming the field): each inside the on-site
 * window and not after `now`; the check-out not before the check-in.
 */
export function requireAttendanceTimes(window: OnSiteWindow, checkedInAt: Date, checkedOutAt: Date, now: Date): void {
  const from = ms(window.startAt) - window.leadMs;
  const to = ms(window.endAt) + window.graceMs;
  const fields = [
    ['checkedInAt', checkedInAt, '签到时间'],
    ['checkedOutAt', checkedOutAt, '签退时间'],
  ] as const;
  for (const [field, at, label] of fields) {
    if (Number.isNaN(at.getTime())) throw invalid('attendance.invalid-times', field, `${label}格式不正确`);
    if (at.getTime() > now.getTime()) throw invalid('attendance.in-future', field, `${label}不能晚于现在`);
    if (at.getTime() < from || at.getTime() > to) {
      throw invalid(
        'attendance.outside-activity',
        field,
        `${label}须在活动时间内（开始前${window.leadMs / MIN}分钟至结束后${window.graceMs / MIN}分钟）`,
      );
    }
  }
  if (checkedOutAt.getTime() < checkedInAt.getTime()) {
    throw invalid('attendance.invalid-times', 'checkedOutAt', '签退时间不能早于签到时间');
  }
}

/**
 * Hours as credited: never more than the activity's own length (in whole quarter hours) nor
 * the community's longest activity.
 */
export function capHours(
  hours: number,
  activity: { startAt: Date | string; endAt: Date | string },
  maxActivityHours: number,
): number {
  const length = Math.floor(Math.max(0, ms(activity.endAt) - ms(activity.startAt)) / (15 * MIN)) / 4;
  return Math.max(0, Math.min(hours, length, maxActivityHours));
}

/** PRECONDITION_FAILED `attendance.correction-closed` once `days` days have passed since the end. */
export function requireCorrectionOpen(endAt: Date | string, now: Date, days: number): void {
  if (now.getTime() > ms(endAt) + days * DAY) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'attendance.correction-closed',
      `活动结束已超过${days}天，考勤不能再更正或补录`,
    );
  }
}

/** FORBIDDEN `attendance.self-credit` when the caller would record or correct their own attendance. */
export function refuseSelfCredit(callerId: string, subjectId: string): void {
  if (callerId === subjectId) {
    throw new AppError(
      'FORBIDDEN',
      'attendance.self-credit',
      '不能为自己登记或更正考勤，请由其他组织者或社区管理员办理',
    );
  }
}
