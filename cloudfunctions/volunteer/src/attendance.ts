/**
 * Crediting a sign-up's service hours through the ledger — shared by check-out, the
 * close-attendance job and corrections. Invariants:
 * - the n-th entry of a sign-up has the key `volunteer:<activityId>:<userId>` (n = 1) or
 *   `…:v<n>`, so each is credited at most once however often it is asked (`credit()`);
 * - a correction never edits an entry: the current one is reversed (`reversal:<key>`, negative
 *   amount and hours, reason `reversal`, as the points area does) and the new hours are credited under the next key — append-only;
 * - no entry for 0 hours.
 */
import type { Ctx } from '../../_shared/context';
import { credit } from '../../_shared/ledger';
import { pointsFor } from './rules';
import { creditKey, type ActivityDoc, type SignupDoc } from './store';

/** Credits version `version` of the sign-up's hours; returns the points credited now (0 on a repeat). */
export async function creditHours(
  ctx: Ctx,
  activity: ActivityDoc,
  signup: Pick<SignupDoc, 'userId'>,
  hours: number,
  version: number,
  createdBy: string | null,
): Promise<number> {
  if (hours <= 0) return 0;
  const amount = pointsFor(hours, activity.pointsPerHour);
  const { credited } = await credit(ctx, {
    key: creditKey(activity._id, signup.userId, version),
    userId: signup.userId,
    communityId: activity.communityId,
    amount,
    reason: 'volunteer_hours',
    sourceId: activity._id,
    explanation: `志愿服务：${activity.title} ${hours}小时 +${amount}`,
    createdBy,
    hours,
  });
  return credited ? amount : 0;
}

/** Reverses version `version` of the sign-up's hours entry (once). */
export async function reverseHours(
  ctx: Ctx,
  activity: ActivityDoc,
  signup: Pick<SignupDoc, 'userId'>,
  old: { hours: number; points: number },
  version: number,
  createdBy: string | null,
  why: string,
): Promise<void> {
  if (version < 1 || old.hours <= 0) return;
  const key = creditKey(activity._id, signup.userId, version);
  await credit(ctx, {
    key: `reversal:${key}`,
    userId: signup.userId,
    communityId: activity.communityId,
    amount: 0 - old.points,
    reason: 'reversal',
    sourceId: key,
    explanation: `志愿服务更正（冲销）：${activity.title} ${why}`,
    createdBy,
    hours: 0 - old.hours,
    reversesId: key,
  });
}
