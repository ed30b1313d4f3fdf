/**
 * Crediting a sign-up's service hours through the ledger — shared by check-out, the
 * close-attendance job and corrections. Invariants:
 * - the n-th entry of a sign-up has the key `volunteer:<activityId>:<userId>` (n = 1) or
 *   `…:v<n>`, so each is credited at most once however often it is asked (`credit()`);
 * - a correction never edits an entry: the current one is reversed (`reversal:<key>`, negative
 *   amount and hours, reason `reversal`, as the points area does) and the new hours are credited under the next key — append-only;
 * - no entry for 0 hours;
 * - a correction moves the sign-up, its reversal and its new credit, the balance and its audit in
 *   one transaction (`moveHoursInTransaction`), so a crash leaves all or none of them.
 */
import { quarterOf } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import type { Transaction } from '../../_shared/database';
import { balanceId, credit, type BalanceDoc, type LedgerDoc } from '../../_shared/ledger';
import { pointsFor } from './rules';
import { creditKey, type ActivityDoc, type SignupDoc } from './store';
import { Collections } from '../../_shared/collections';

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

/**
 * Inside `tx`: a correction's ledger move — the reversal of version `reverse` of the sign-up's
 * hours entry (when given) and the credit of `hours` as version `version` (when given), added
 * under their keys, and the member's balance moved once by their sum (`_.inc`, created with `set`
 * only for a member's first credit in the community; nothing when the sum is 0). A key that
 * exists already aborts the transaction with a duplicate-key error: another move of the same
 * sign-up got there first. Requests: one per entry, plus the balance's one (two when created
 * without the `balanceAbsent` hint).
 */
export async function moveHoursInTransaction(
  tx: Transaction,
  ctx: Pick<Ctx, 'db' | 'now'>,
  activity: ActivityDoc,
  signup: Pick<SignupDoc, 'userId'>,
  move: {
    reverse?: { version: number; hours: number; points: number; why: string };
    credit?: { version: number; hours: number };
    createdBy: string | null;
    /**
     * The caller read that the member has no balance in the community: it is added (one
     * request); one created meanwhile makes the add collide (DATABASE_DUPLICATE_WRITE), which
     * aborts the transaction — the caller runs it again without this hint.
     */
    balanceAbsent?: boolean;
  },
): Promise<number> {
  const now = ctx.now();
  const quarter = quarterOf(now);
  const base = {
    userId: signup.userId,
    communityId: activity.communityId,
    quarter,
    createdBy: move.createdBy,
    createdAt: now,
  };
  const entries: LedgerDoc[] = [];
  const { reverse, credit: fresh } = move;
  if (reverse && reverse.version >= 1 && reverse.hours > 0) {
    const key = creditKey(activity._id, signup.userId, reverse.version);
    entries.push({
      ...base,
      _id: `reversal:${key}`,
      amount: 0 - reverse.points,
      reason: 'reversal',
      sourceId: key,
      explanation: `志愿服务更正（冲销）：${activity.title} ${reverse.why}`,
      hours: 0 - reverse.hours,
      reversesId: key,
    });
  }
  let credited = 0;
  if (fresh && fresh.hours > 0) {
    credited = pointsFor(fresh.hours, activity.pointsPerHour);
    entries.push({
      ...base,
      _id: creditKey(activity._id, signup.userId, fresh.version),
      amount: credited,
      reason: 'volunteer_hours',
      sourceId: activity._id,
      explanation: `志愿服务：${activity.title} ${fresh.hours}小时 +${credited}`,
      hours: fresh.hours,
      reversesId: null,
    });
  }
  for (const entry of entries) await tx.collection(Collections.pointLedger).add(entry);
  const sum = entries.reduce((s, e) => s + e.amount, 0);
  if (sum === 0) return credited;
  const _ = ctx.db.command;
  const id = balanceId(activity.communityId, signup.userId);
  const doc: Omit<BalanceDoc, '_id'> = {
    userId: signup.userId,
    communityId: activity.communityId,
    balance: sum,
    quarters: { [quarter]: sum },
    updatedAt: now,
  };
  if (move.balanceAbsent) {
    await tx.collection(Collections.pointBalances).add({ _id: id, ...doc });
    return credited;
  }
  const res = (await tx
    .collection(Collections.pointBalances)
    .doc(id)
    .update({ balance: _.inc(sum), [`quarters.${quarter}`]: _.inc(sum), updatedAt: now })) as { updated?: number };
  // A non-zero `_.inc` changes any document it finds, so 0 updated means there is none yet.
  if ((res.updated ?? 0) === 0) await tx.collection(Collections.pointBalances).doc(id).set(doc);
  return credited;
}
