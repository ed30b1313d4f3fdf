/**
 * points.reverseEntry — an admin corrects a ledger entry with a written reason: a NEW entry of
 * the opposite amount (the original is never edited).
 * Invariants: admins of the entry's own community only, and never on their own entry (FORBIDDEN
 * `points.self-credit`: reversing one's own debit would credit oneself); the reversal's key is
 * `reversal:<entryId>`, so an entry is reversed at most once, also under concurrent requests
 * (the loser gets CONFLICT `points.already-reversed`); a reversal cannot itself be reversed
 * (PRECONDITION_FAILED); volunteer hours are reversed with the points; one audit entry.
 * Requests: identity 1, the entry with its person 1, `credit`'s transaction 4 (start, entry,
 * balance, commit), the audit entry 1.
 */
import { AppError } from '../../../types/errors';
import type { LedgerEntry, ReverseEntryInput } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { UserDoc } from '../../_shared/documents';
import { credit, LEDGER, type LedgerDoc } from '../../_shared/ledger';
import { forbidden, requireAdmin, requireSomeAdmin } from './permissions';
import { reversalKey } from './store';
import { signed, toEntry } from './to-entry';

export async function reverseEntry({ ctx, input }: { ctx: Ctx; input: ReverseEntryInput }): Promise<LedgerEntry> {
  const actor = await loadActor(ctx);
  requireSomeAdmin(actor);
  // The entry with its person joined (for the audit's summary): one request.
  const found = await ctx.db
    .collection(LEDGER)
    .aggregate()
    .match({ _id: input.entryId })
    .limit(1)
    .lookup({ from: Collections.users, localField: 'userId', foreignField: '_id', as: 'person' })
    .end();
  const row = (found.data as Array<LedgerDoc & { person?: UserDoc[] }>)[0];
  const { person: joined = [], ...stored } = row ?? {};
  const original = row ? (stored as LedgerDoc) : null;
  const person = joined[0];
  if (!original) throw new AppError('NOT_FOUND', 'points.entry-not-found', '积分记录不存在');
  const admin = requireAdmin(actor, original.communityId);
  if (original.userId === admin._id) {
    throw forbidden('points.self-credit', '不能冲正自己的积分记录，请由其他管理员操作');
  }
  if (original.reason === 'reversal' || original.reversesId) {
    throw new AppError('PRECONDITION_FAILED', 'points.reversal-not-reversible', '冲正记录不能再次冲正');
  }
  const amount = 0 - original.amount;
  const { credited, entry } = await credit(ctx, {
    key: reversalKey(original._id),
    userId: original.userId,
    communityId: original.communityId,
    amount,
    reason: 'reversal',
    sourceId: original._id,
    explanation: `冲正「${original.explanation}」：${input.reason} ${signed(amount)}`,
    createdBy: admin._id,
    hours: 0 - (original.hours ?? 0),
    reversesId: original._id,
  });
  if (!credited) throw new AppError('CONFLICT', 'points.already-reversed', '这条积分记录已经冲正过了');
  const result = toEntry(entry, false);
  await writeAudit(ctx, admin, {
    communityId: original.communityId,
    action: 'points.reverseEntry',
    targetKind: 'ledger_entry',
    targetId: original._id,
    summary: `冲正 ${person?.name ?? original.userId} 的积分「${original.explanation}」：${input.reason}`,
    before: toEntry(original, false),
    after: result,
  });
  return result;
}
