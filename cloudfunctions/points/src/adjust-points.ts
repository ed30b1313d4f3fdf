/**
 * points.adjustPoints — an admin credits or debits a person's points with a written reason.
 * Invariants:
 * - admins of the community only; the person exists and holds a role in that community;
 * - nobody adjusts their own points (FORBIDDEN `points.self-credit`);
 * - |amount| is at most the community's `adjustmentCapPerCall` (LIMIT_EXCEEDED
 *   `points.adjustment-cap-per-call`), and the sum of |amount| of the adjustments to one person
 *   in one quarter at most its `adjustmentCapPerQuarter` (LIMIT_EXCEEDED
 *   `points.adjustment-cap-per-quarter`) — counted on the member's balance document in the
 *   same transaction as the entry (ledger.ts `adjustmentCap`), so concurrent calls cannot
 *   together pass it; a refusal writes nothing;
 * - the change is a new ledger entry made by `credit()`; its key is
 *   `adjustment:<adminId>:<requestId>` when the client gives a request id (a retry returns the
 *   same entry, credited once; the same id for a different adjustment is CONFLICT
 *   `points.request-id-reused`), a fresh random key otherwise;
 * - one audit entry with the reason, written in the adjustment's transaction (a crash leaves
 *   both or neither; none for a replayed request).
 * Requests: the caller with the person's roles, the person and the rules joined 1 (actor-with.ts);
 * `credit`'s transaction 6 (start, the balance read for the cap, entry, balance write, audit
 * entry, commit; the quarter's adjustments are queried only when the balance has not counted
 * them yet) — 7, within the 8 ADR 0017 allows an adjustment: its cap must be read in the
 * transaction that moves it.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../types/errors';
import type { AdjustPointsInput, LedgerEntry } from '../../../types/points';
import { auditDocOf, type AuditInput } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getAll } from '../../_shared/db-helpers';
import type { RoleDoc, UserDoc } from '../../_shared/documents';
import { AdjustmentCapReached, credit, type LedgerDoc } from '../../_shared/ledger';
import { rulesOf, type PointRulesDoc } from '../../_shared/point-rules';
import { quarterOf } from '../../../types/time';
import { actorWith } from './actor-with';
import { forbidden, requireAdmin } from './permissions';
import { signed, toEntry } from './to-entry';

/** The sum of |amount| of the person's adjustments in the quarter as the ledger has them. */
async function adjustedInLedger(ctx: Ctx, communityId: string, userId: string, quarter: string): Promise<number> {
  const entries = await getAll<LedgerDoc>(
    ctx.db.collection(Collections.pointLedger).where({ communityId, userId, quarter, reason: 'adjustment' }),
  );
  return entries.reduce((sum, e) => sum + Math.abs(e.amount), 0);
}

export async function adjustPoints({ ctx, input }: { ctx: Ctx; input: AdjustPointsInput }): Promise<LedgerEntry> {
  // The caller, the person's roles, the person and the community's rules: one request.
  const { actor, joined } = await actorWith(ctx, {
    roles: { from: Collections.roles, field: 'userId', value: input.userId },
    person: { from: Collections.users, value: input.userId },
    rules: { from: Collections.pointRules, value: input.communityId },
  });
  const admin = requireAdmin(actor, input.communityId);
  if (input.userId === admin._id) {
    throw forbidden('points.self-credit', '不能调整自己的积分，请由其他管理员操作');
  }
  const person = joined.person[0] as UserDoc | undefined;
  const inCommunity = (joined.roles as RoleDoc[]).some((r) => r.communityId === input.communityId);
  if (!inCommunity || !person) {
    throw new AppError('NOT_FOUND', 'points.not-in-community', '本社区没有这个人');
  }
  const rules = rulesOf(input.communityId, joined.rules[0] as Partial<PointRulesDoc> | undefined);
  if (Math.abs(input.amount) > rules.adjustmentCapPerCall) {
    throw new AppError(
      'LIMIT_EXCEEDED',
      'points.adjustment-cap-per-call',
      `单次调整不超过${rules.adjustmentCapPerCall}分（本社区积分规则）`,
    );
  }
  const quarter = quarterOf(ctx.now());
  // Read only when the balance document has not counted this quarter's adjustments yet.
  const seed = () => adjustedInLedger(ctx, input.communityId, person._id, quarter);

  const key = input.requestId ? `adjustment:${admin._id}:${input.requestId}` : `adjustment:${randomUUID()}`;
  const audit = (entry: LedgerDoc): AuditInput => ({
    communityId: input.communityId,
    action: 'points.adjustPoints',
    targetKind: 'ledger_entry',
    targetId: entry._id,
    summary: `调整 ${person.name} 的积分 ${signed(input.amount)}：${input.reason}`,
    before: null,
    after: { ...toEntry(entry, false), note: input.reason },
  });
  let outcome: Awaited<ReturnType<typeof credit>>;
  try {
    outcome = await credit(
      ctx,
      {
        key,
        userId: person._id,
        communityId: input.communityId,
        amount: input.amount,
        reason: 'adjustment',
        sourceId: key,
        explanation: `管理员调整：${input.reason} ${signed(input.amount)}`,
        createdBy: admin._id,
        adjustmentCap: { perQuarter: rules.adjustmentCapPerQuarter, seed },
      },
      {
        // The audit entry commits with the adjustment (its id is the entry's: one per adjustment).
        alongside: async (tx, entry) => {
          await tx
            .collection(Collections.auditLog)
            .add(auditDocOf(ctx, admin, audit(entry), `points.adjustPoints:${entry._id}`));
        },
      },
    );
  } catch (error) {
    if (!(error instanceof AdjustmentCapReached)) throw error;
    const left = Math.max(0, rules.adjustmentCapPerQuarter - error.used);
    throw new AppError(
      'LIMIT_EXCEEDED',
      'points.adjustment-cap-per-quarter',
      `${person.name} 本季度的人工调整已达 ${error.used} 分，季度上限 ${rules.adjustmentCapPerQuarter} 分，本次最多还能调整 ${left} 分`,
    );
  }
  const { credited, entry } = outcome;
  if (!credited) {
    const same =
      entry.userId === person._id && entry.communityId === input.communityId && entry.amount === input.amount;
    if (!same)
      throw new AppError('CONFLICT', 'points.request-id-reused', '该调整请求编号已用于另一笔调整，请刷新后重试');
  }
  return toEntry(entry, false);
}
