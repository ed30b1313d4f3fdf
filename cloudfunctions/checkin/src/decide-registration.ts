/**
 * checkin.decideRegistration — an admin approves or rejects (with a reason) a pending
 * registration.
 * Invariants: admins of the registration's community only (read from the stored registration),
 * and not the applicant themself; only a pending registration is decided. The decision is ONE
 * transaction: the registration's move, its audit entry (whose `_id` is the registration's
 * `registrationLeftPendingKey`), and — for an approval — the in-office member role
 * (`member:<userId>:<communityId>`, replacing an existing member role of that person in that
 * community) and the community's registration points (ledger key `registration:<registrationId>`,
 * the entry and the balance), or — for a rejection — the release of the lock. Every move out of
 * `pending` (a decision, a withdrawal while pending: withdraw-registration.ts) adds that same
 * audit entry in its transaction, so:
 * - racing deciders produce exactly one decision: the others' add collides, their transaction
 *   aborts with nothing written, and they get PRECONDITION_FAILED with the current status;
 * - a withdrawal racing an approval never leaves a role behind: either the withdrawal commits
 *   first (the approval aborts, no role is written) or the approval does (the role, the status
 *   and the points together; the withdrawal then finds `approved` and removes the role);
 * - a crash anywhere leaves all of it or none of it; the points are credited exactly once, with
 *   the act;
 * - the applicant is told the decision (key `registration:<id>:decided`): the registration's
 *   update in the transaction owes the message (`outbox.decided`, no request of its own,
 *   _shared/outbox.ts, ADR 0031), so the decision is never without it. A rejection or an approval
 *   without points delivers it at once; an approval with points has no request left for it
 *   (ADR 0017: 8), so the registration keeps owing it until the applicant's next `myRegistrations`
 *   (their check-in hub and register page) delivers it (keyed: nobody told twice). A crash
 *   between a rejection's commit and its delivery leaves it owed the same way. A refused decide
 *   call still writes nothing.
 * Requests (issue #13 part 4, ADR 0017): the registration with its community's rules, whether its
 * member has a balance there and the caller with their roles in one aggregation (with-caller.ts),
 * then the transaction — an approval: start, the audit entry (the key), the registration (with
 * the owed message), the role, the ledger entry, the balance (added for the member's first
 * credit), commit — 8; without points: 6, then the message and its removal — 8; a rejection:
 * start, the audit entry, the registration, the lock, commit, the message, its removal — 8.
 */
import { getById } from '../../_shared/db-helpers';
import { Collections } from '../../_shared/collections';
import type { DecideRegistrationInput, Registration } from '../../../types/checkin';
import { AppError } from '../../../types/errors';
import { auditDocOf, type AuditInput } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { runTransaction } from '../../_shared/database';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import type { RegistrationDoc } from '../../_shared/documents';
import { creditInTransaction, type CreditInput } from '../../_shared/ledger';
import { crashPoint } from '../../_shared/crash-points';
import { applicationResultPush } from '../../_shared/application-result';
import { batchOf, deliver, owed, oweInUpdate } from '../../_shared/outbox';
import { applyKeyedMove } from '../../_shared/state-machine';
import { forbidden, requireAdmin } from './permissions';
import { registrationLeftPendingKey, registrationMachine } from './registration-machine';
import { inOfficeMemberRole, notDecidable, registrationLockId } from './registrations';

import { toRegistration } from './to-registration';
import { loadWithCaller } from './with-caller';

export async function decideRegistration({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: DecideRegistrationInput;
}): Promise<Registration> {
  // The registration with its community's rules (for the registration points) and the caller: one request.
  const found = await loadWithCaller<RegistrationDoc>(ctx, Collections.registrations, input.registrationId, {
    rules: true,
    ownerBalance: true,
  });
  if (!found) throw new AppError('NOT_FOUND', 'registration.not-found', '该报到记录不存在');
  const { doc: reg, rules, actor, ownerHasBalance } = found;
  const admin = requireAdmin(actor, reg.communityId);
  if (reg.userId === admin._id) throw forbidden('registration.own', '不能审核自己的报到申请');
  if (reg.status !== 'pending') throw notDecidable(reg.status);

  const approve = input.decision === 'approve';
  const change = {
    status: approve ? ('approved' as const) : ('rejected' as const),
    reason: input.decision === 'reject' ? input.reason : null,
    decidedBy: admin._id,
    decidedAt: ctx.now(),
  };
  const role = approve ? inOfficeMemberRole(reg, admin._id, change.decidedAt) : null;
  const points = approve ? Math.max(rules.registration, 0) : 0;
  const entry: AuditInput = {
    communityId: reg.communityId,
    action: 'checkin.decideRegistration',
    targetKind: 'registration',
    targetId: reg._id,
    summary: approve
      ? `通过 ${reg.userName}（${reg.workUnitName}）的报到申请`
      : `驳回 ${reg.userName}（${reg.workUnitName}）的报到申请：${change.reason ?? ''}`,
    before: { status: reg.status },
    after: { status: change.status, reason: change.reason, roleId: role?._id ?? null, points },
  };
  const key = {
    collection: Collections.auditLog,
    doc: auditDocOf(ctx, admin, entry, registrationLeftPendingKey(reg._id)),
  };
  const told = batchOf([
    {
      key: `registration:${reg._id}:decided`,
      userId: reg.userId,
      communityId: reg.communityId,
      kind: 'checkin',
      title: approve ? '报到已通过' : '报到未通过',
      body: approve
        ? `您在“${reg.workUnitName}”的报到已通过审核，欢迎参加社区活动。`
        : `您在“${reg.workUnitName}”的报到未通过审核：${change.reason ?? ''}`,
      link: '/packages/checkin/pages/register/index',
      push: applicationResultPush('党员报到申请', approve, change.reason, change.decidedAt),
    },
  ]);
  const credit: CreditInput = {
    key: `registration:${reg._id}`,
    userId: reg.userId,
    communityId: reg.communityId,
    amount: points,
    reason: 'registration',
    sourceId: reg._id,
    explanation: `报到：${reg.workUnitName} +${points}`,
    createdBy: admin._id,
  };

  // A collision is the key (someone else moved the registration out of pending: it is read to
  // say what it is now) or, when the read saw no balance, a balance created meanwhile (the
  // decision runs again without the hint).
  let balanceAbsent = ownerHasBalance === false;
  for (;;) {
    try {
      await runTransaction(ctx.db, async (tx) => {
        await applyKeyedMove(
          tx,
          registrationMachine,
          'decide',
          {
            id: reg._id,
            from: 'pending',
            to: change.status,
            update: { ...change, ...oweInUpdate(ctx, 'decided', told) },
          },
          key,
        );
        crashPoint('checkin.decideRegistration.in-transaction');
        if (role) {
          const { _id, ...fields } = role;
          await tx.collection(Collections.roles).doc(_id).set(fields);
          if (points > 0) await creditInTransaction(tx, ctx, credit, { fresh: true, balanceAbsent });
        } else {
          await tx.collection(Collections.locks).doc(registrationLockId(reg.userId, reg.communityId)).remove();
        }
      });
      break;
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      const current = await getById(ctx, Collections.registrations, reg._id);
      if (current?.status !== 'pending') throw notDecidable(current?.status ?? reg.status);
      if (!balanceAbsent) throw error;
      balanceAbsent = false;
    }
  }
  // The approval with points used its eight requests: its message stays owed (see the header).
  if (!(approve && points > 0)) {
    crashPoint('checkin.decideRegistration.before-message');
    await deliver(ctx, Collections.registrations, owed(reg._id, 'decided', told), 'whole');
  }
  return toRegistration({ ...reg, ...change }, actor);
}
