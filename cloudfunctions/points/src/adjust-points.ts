/**
 * points.adjustPoints — an admin credits or debits a person's points with a written reason.
 * Invariants: admins of the community only; the person exists and holds a role in that
 * community; the change is a new ledger entry made by `credit()` (which moves the balance in
 * the same transaction) under a fresh key, so every call is its own entry; amounts are
 * integers within ±100 (schema); one audit entry.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../types/errors';
import type { AdjustPointsInput, LedgerEntry } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { UserDoc } from '../../_shared/documents';
import { credit } from '../../_shared/ledger';
import { requireAdmin } from './permissions';
import { docById } from './store';
import { signed, toEntry } from './to-entry';

export async function adjustPoints({ ctx, input }: { ctx: Ctx; input: AdjustPointsInput }): Promise<LedgerEntry> {
  const actor = await loadActor(ctx);
  const admin = requireAdmin(actor, input.communityId);
  const person = await docById<UserDoc>(ctx, Collections.users, input.userId);
  const roles = await ctx.db
    .collection(Collections.roles)
    .where({ userId: input.userId, communityId: input.communityId })
    .limit(1)
    .get();
  if (!person || roles.data.length === 0) {
    throw new AppError('NOT_FOUND', 'points.not-in-community', '本社区没有这个人');
  }
  const key = `adjustment:${randomUUID()}`;
  const { entry } = await credit(ctx, {
    key,
    userId: person._id,
    communityId: input.communityId,
    amount: input.amount,
    reason: 'adjustment',
    sourceId: key,
    explanation: `管理员调整：${input.reason} ${signed(input.amount)}`,
    createdBy: admin._id,
  });
  const result = toEntry(entry, false);
  await writeAudit(ctx, admin, {
    communityId: input.communityId,
    action: 'points.adjustPoints',
    targetKind: 'ledger_entry',
    targetId: entry._id,
    summary: `调整 ${person.name} 的积分 ${signed(input.amount)}：${input.reason}`,
    before: null,
    after: result,
  });
  return result;
}
