/**
 * points.reverseEntry — an admin corrects a ledger entry with a written reason: a NEW entry of
 * the opposite amount (the original is never edited).
 * Invariants: admins of the entry's own community only, and never on their own entry (FORBIDDEN
 * `points.self-credit`: reversing one's own debit would credit oneself); the reversal's key is
 * `reversal:<entryId>`, so an entry is reversed at most once, also under concurrent requests
 * (the loser gets CONFLICT `points.already-reversed`); a reversal cannot itself be reversed
 * (PRECONDITION_FAILED); volunteer hours are reversed with the points; one audit entry, written
 * in the reversal's transaction (a crash leaves both or neither).
 * Requests: the caller with the entry and its person 1 (actor-with.ts), `credit`'s transaction 5
 * (start, entry, balance, audit entry, commit) — 6.
 */
import { AppError } from '../../../types/errors';
import type { LedgerEntry, ReverseEntryInput } from '../../../types/points';
import { auditDocOf, type AuditInput } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { UserDoc } from '../../_shared/documents';
import { credit, type LedgerDoc } from '../../_shared/ledger';
import { actorWith } from './actor-with';
import { forbidden, requireAdmin, requireSomeAdmin } from './permissions';
import { reversalKey } from './store';
import { signed, toEntry } from './to-entry';

export async function reverseEntry({ ctx, input }: { ctx: Ctx; input: ReverseEntryInput }): Promise<LedgerEntry> {
  // The caller, the entry and its person (for the audit's summary): one request.
  const { actor, joined } = await actorWith(ctx, {
    entry: { from: Collections.pointLedger, value: input.entryId },
    person: { from: Collections.users, after: 'entry', path: 'userId' },
  });
  requireSomeAdmin(actor);
  const original = (joined.entry[0] as LedgerDoc | undefined) ?? null;
  const person = joined.person[0] as UserDoc | undefined;
  if (!original) throw new AppError('NOT_FOUND', 'points.entry-not-found', '积分记录不存在');
  const admin = requireAdmin(actor, original.communityId);
  if (original.userId === admin._id) {
    throw forbidden('points.self-credit', '不能冲正自己的积分记录，请由其他管理员操作');
  }
  if (original.reason === 'reversal' || original.reversesId) {
    throw new AppError('PRECONDITION_FAILED', 'points.reversal-not-reversible', '冲正记录不能再次冲正');
  }
  const amount = 0 - original.amount;
  const key = reversalKey(original._id);
  const { credited, entry } = await credit(
    ctx,
    {
      key,
      userId: original.userId,
      communityId: original.communityId,
      amount,
      reason: 'reversal',
      sourceId: original._id,
      explanation: `冲正「${original.explanation}」：${input.reason} ${signed(amount)}`,
      createdBy: admin._id,
      hours: 0 - (original.hours ?? 0),
      reversesId: original._id,
    },
    {
      // The audit entry commits with the reversal (its id is the reversal's: at most one).
      alongside: async (tx, reversal) => {
        const audit: AuditInput = {
          communityId: original.communityId,
          action: 'points.reverseEntry',
          targetKind: 'ledger_entry',
          targetId: original._id,
          summary: `冲正 ${person?.name ?? original.userId} 的积分「${original.explanation}」：${input.reason}`,
          before: toEntry(original, false),
          after: toEntry(reversal, false),
        };
        await tx.collection(Collections.auditLog).add(auditDocOf(ctx, admin, audit, `points.reverseEntry:${key}`));
      },
    },
  );
  if (!credited) throw new AppError('CONFLICT', 'points.already-reversed', '这条积分记录已经冲正过了');
  return toEntry(entry, false);
}
