/**
 * checkin.withdrawRegistration — the member withdraws (注销) their own pending or approved
 * registration, with a reason.
 * Invariants: only the member themself (FORBIDDEN for anyone else, admins included); only
 * while open (the registration machine's `withdraw` move); the registration document stays
 * (status withdrawn, the reason, `withdrawnAt`) so the history remains; the lock is released;
 * audited, because it changes the community's roster; points already credited stay (the ledger
 * is append-only).
 * - A pending registration is withdrawn in ONE transaction that adds the audit entry under the
 *   registration's `registrationLeftPendingKey` — the key every move out of `pending` adds
 *   (decide-registration.ts) — with the move and the lock's release: racing a decision, exactly
 *   one of them commits. When the decision won (the add collides), the registration is read
 *   again and withdrawn from what it became (an approval: see below; a rejection: refused).
 * - An approved registration is withdrawn by a conditional write on `approved`, then its
 *   in-office member role in that community is removed (a retired/mobile member role is left
 *   alone) — the approval wrote the role with its status, so no role can appear after this.
 * Requests: the registration with the caller (one aggregation), then pending: start, the audit
 * entry, the registration, the lock, commit — 6; approved: the move, the role, the lock, the
 * audit — 5. A withdrawal that loses to a decision (its add collides, or conflicts with the
 * decision's open transaction) does not read what won: it pays for its lost transaction (start,
 * the add, the rollback) and withdraws the approved registration directly (the conditional
 * write, the role, the lock, the audit) — 8 (docs/adr/0017); only when that write finds no
 * approved registration (a rejection won: refused; the decision not yet committed or abandoned:
 * the pending withdrawal again) is the registration read.
 */
import { getById } from '../../_shared/db-helpers';
import { Collections } from '../../_shared/collections';
import type { Registration, WithdrawRegistrationInput } from '../../../types/checkin';
import { AppError } from '../../../types/errors';
import { auditDocOf, writeAudit, type AuditInput } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import type { Transaction } from '../../_shared/database';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import { roleId, type RegistrationDoc } from '../../_shared/documents';
import { applyKeyedMove, applyMove, decide } from '../../_shared/state-machine';
import { forbidden } from './permissions';
import { registrationLeftPendingKey, registrationMachine } from './registration-machine';
import { notDecidable, registrationLockId, releaseRegistrationLock } from './registrations';

import { toRegistration } from './to-registration';
import { loadWithCaller } from './with-caller';

const isConflict = (error: unknown) => (error as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT';

const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));

export async function withdrawRegistration({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: WithdrawRegistrationInput;
}): Promise<Registration> {
  const found = await loadWithCaller<RegistrationDoc>(ctx, Collections.registrations, input.registrationId);
  const user = found?.actor.requireUser();
  if (!found || !user) throw new AppError('NOT_FOUND', 'registration.not-found', '该报到记录不存在');
  const { doc: reg, actor } = found;
  if (reg.userId !== user._id) throw forbidden('registration.not-yours', '只能注销自己的报到');

  const change = { status: 'withdrawn' as const, reason: input.reason, withdrawnAt: ctx.now() };
  const entry = (from: RegistrationDoc['status'], removedRoleId: string | null): AuditInput => ({
    communityId: reg.communityId,
    action: 'checkin.withdrawRegistration',
    targetKind: 'registration',
    targetId: reg._id,
    summary: `${reg.userName}（${reg.workUnitName}）注销报到：${input.reason}`,
    before: { status: from },
    after: { status: 'withdrawn', reason: input.reason, removedRoleId },
  });
  // At most one change of state while we write: pending → approved (or rejected).
  let before = reg;
  /** The pending transaction lost to a decision (committed, or being written at that moment). */
  let lost = false;
  for (let attempt = 0; ; attempt++) {
    if (!decide(registrationMachine, before.status, 'withdraw').ok) throw notDecidable(before.status);
    if (before.status === 'pending' && !lost) {
      const key = {
        collection: Collections.auditLog,
        doc: auditDocOf(ctx, user, entry('pending', null), registrationLeftPendingKey(reg._id)),
      };
      try {
        // Tried once (no retries on a conflict): a conflict here is a decision being written
        // now, so the withdrawal goes on from the decision instead.
        await ctx.db.runTransaction(async (tx: Transaction) => {
          await applyKeyedMove(
            tx,
            registrationMachine,
            'withdraw',
            { id: reg._id, from: 'pending', to: 'withdrawn', update: change },
            key,
          );
          await tx.collection(Collections.locks).doc(registrationLockId(reg.userId, reg.communityId)).remove();
        }, 0);
        break;
      } catch (error) {
        const conflict = isConflict(error);
        if (!isDuplicateWrite(error) && !conflict) throw error;
        // The key collided (a decision committed) or conflicted (a decision's transaction holds
        // it now, and commits in a moment): only an approval leaves anything to withdraw, so the
        // approved registration is withdrawn directly — no read; the conditional write says
        // whether it was one.
        if (conflict) await pause(attempt);
        lost = true;
        before = { ...before, status: 'approved' };
        continue;
      }
    }
    const res = await applyMove(ctx.db, registrationMachine, 'withdraw', {
      id: reg._id,
      from: before.status,
      to: 'withdrawn',
      update: change,
    });
    if (res.applied) {
      const id = roleId('member', reg.userId, reg.communityId);
      const removed = await ctx.db.collection(Collections.roles).where({ _id: id, memberType: 'in_office' }).remove();
      await releaseRegistrationLock(ctx, reg.userId, reg.communityId);
      await writeAudit(ctx, user, entry(before.status, removed.deleted === 1 ? id : null));
      break;
    }
    // Not approved when written: rejected or withdrawn meanwhile (refused at the loop's top), or
    // the decision had not committed yet (approved by now: withdrawn from that) or was abandoned
    // (still pending: the pending withdrawal again, after a short pause) — at most 8 rounds.
    const current = await getById(ctx, Collections.registrations, reg._id);
    if (!current) throw notDecidable(before.status);
    if (attempt >= 8) throw notDecidable(current.status);
    if (current.status === 'pending') await pause(attempt);
    lost = false;
    before = current;
  }
  return toRegistration({ ...before, ...change }, actor);
}
