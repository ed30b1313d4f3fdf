/**
 * The activity's 6-digit spoken codes (数字签到码, docs/adr/0036 and ADR 0037),
 * checked for volunteer.scan. Invariants:
 * - an activity has two codes at a time, one to check in and one to check out: the shared spoken
 *   code (_shared/spoken-code.ts) with subjects `activity-in.<activityId>` and
 *   `activity-out.<activityId>`, keyed by the activity's own `qrSecret`; the digits that match
 *   say which step it is, as the QR's kind does;
 * - the digits are only checked against the activity the caller names (its page); the caller's
 *   standing (profile, not cancelled, not its organiser, a confirmed sign-up) and the time the
 *   organiser may show codes are checked by the caller before this, so those refusals cost no
 *   attempt, and nobody without a sign-up can spend the activity's attempts;
 * - the activity has attempts left (`activity:<activityId>`, 200 wrong codes per 10 minutes,
 *   LIMIT_EXCEEDED `activity.code-activity-limited`) and so has the caller (`person:<userId>`,
 *   5 per 10 minutes, shared with events' codes: `activity.code-limited`);
 * - the caller's attempt is counted before the digits are checked (crash point
 *   `volunteer.code.after-reserve`) and given back for a right or an expired code; a wrong one
 *   also counts for the activity;
 * - right: the current or the previous 2-minute window's code; a little older is
 *   `activity.code-expired`, anything else `activity.code-wrong`.
 * Writes nothing but the attempt counters.
 */
import { AppError } from '../../../types/errors';
import { cstClock } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import {
  blockedUntil,
  GUESS_WINDOW_MS,
  PERSON_GUESS_LIMIT,
  personCounterId,
  readCounters,
  release,
  reserve,
  SUBJECT_GUESS_LIMIT,
} from '../../_shared/guess-limit';
import { checkSpokenCodeFor, currentSpokenCodeFor, minutesUntil, type SpokenVerdict } from '../../_shared/spoken-code';
import type { ActivityDoc } from './store';

export type ActivityCodeKind = 'activity-in' | 'activity-out';

const subject = (kind: ActivityCodeKind, activityId: string) => `${kind}.${activityId}`;
export const activityCounterId = (activityId: string) => `activity:${activityId}`;

/** The code to show beside the QR of this direction now, and when the next one replaces it. */
export function currentActivitySpokenCode(
  activity: Pick<ActivityDoc, '_id' | 'qrSecret'>,
  kind: ActivityCodeKind,
  now: Date,
): { code: string; refreshAt: Date } {
  return currentSpokenCodeFor(activity.qrSecret, subject(kind, activity._id), now);
}

/** Which of the activity's two codes the digits are, or how they fail. */
export function checkActivitySpokenCode(
  activity: Pick<ActivityDoc, '_id' | 'qrSecret'>,
  digits: string,
  now: Date,
): { verdict: 'ok'; kind: ActivityCodeKind } | { verdict: Exclude<SpokenVerdict, 'ok'> } {
  let expired = false;
  for (const kind of ['activity-in', 'activity-out'] as const) {
    const verdict = checkSpokenCodeFor(activity.qrSecret, subject(kind, activity._id), digits, now);
    if (verdict === 'ok') return { verdict, kind };
    if (verdict === 'expired') expired = true;
  }
  return { verdict: expired ? 'expired' : 'wrong' };
}

/**
 * Checks typed digits for the caller (`userId`, whose standing the caller already checked) on
 * the activity, counting wrong attempts; returns which step the code is for.
 */
export async function verifyActivitySpokenCode(
  ctx: Ctx,
  activity: ActivityDoc,
  userId: string,
  digits: string,
  now: Date,
): Promise<ActivityCodeKind> {
  const personId = personCounterId(userId);
  const activityCounter = activityCounterId(activity._id);
  const counters = await readCounters(ctx, [personId, activityCounter]);
  const activityBlocked = blockedUntil(counters.get(activityCounter), SUBJECT_GUESS_LIMIT, now);
  if (activityBlocked) {
    throw new AppError(
      'LIMIT_EXCEEDED',
      'activity.code-activity-limited',
      `本活动的数字签到码错误次数过多，已暂停到 ${cstClock(activityBlocked)}（约 ${minutesUntil(activityBlocked, now)} 分钟后）；现在请扫描现场二维码，或请组织者登记`,
    );
  }
  const reserved = await reserve(ctx, personId, PERSON_GUESS_LIMIT, now, counters.get(personId));
  if (!reserved.ok && 'busy' in reserved) {
    throw new AppError('CONFLICT', 'activity.code-busy', '此刻签到的人较多，请稍等几秒再输入一次');
  }
  if (!reserved.ok) {
    throw new AppError(
      'LIMIT_EXCEEDED',
      'activity.code-limited',
      `数字签到码已输错${PERSON_GUESS_LIMIT}次，请于 ${cstClock(reserved.retryAt)}（约 ${minutesUntil(reserved.retryAt, now)} 分钟后）再试；现在也可以扫描现场二维码`,
    );
  }
  crashPoint('volunteer.code.after-reserve');

  const checked = checkActivitySpokenCode(activity, digits, now);
  if (checked.verdict !== 'wrong') await release(ctx, personId, reserved.windowStart);
  if (checked.verdict === 'ok') return checked.kind;
  if (checked.verdict === 'expired') {
    throw new AppError(
      'PRECONDITION_FAILED',
      'activity.code-expired',
      '这个签到码已过期（每2分钟更换一次），请输入组织者屏幕上现在显示的6位数字',
    );
  }
  // The activity's counter only counts (its limit is checked above, before the caller's attempt).
  await reserve(ctx, activityCounter, SUBJECT_GUESS_LIMIT, now, counters.get(activityCounter));
  const left = PERSON_GUESS_LIMIT - reserved.count;
  throw new AppError(
    'PRECONDITION_FAILED',
    'activity.code-wrong',
    left > 0
      ? `签到码不正确，请核对组织者报出的6位数字（10分钟内还可再试${left}次）`
      : `签到码不正确，10分钟内已输错${PERSON_GUESS_LIMIT}次，请于 ${cstClock(new Date(reserved.windowStart.getTime() + GUESS_WINDOW_MS))} 后再试，或扫描现场二维码`,
  );
}
