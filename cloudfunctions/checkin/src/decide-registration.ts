/**
 * checkin.decideRegistration — an admin approves or rejects (with a reason) a pending
 * registration.
 * Invariants: admins of the registration's community only (read from the stored registration),
 * and not the applicant themself; only a pending registration is decided — a conditional write
 * on `status: 'pending'` makes racing deciders produce exactly one decision (the others get
 * PRECONDITION_FAILED with the current status), and only that winner grants and credits.
 * Approval writes the in-office member role (`member:<userId>:<communityId>`, replacing an
 * existing member role of that person in that community) and credits the community's
 * registration points once (ledger key `registration:<registrationId>`); a withdrawal racing
 * the role write cannot leave the role behind (re-checked after writing); the lock stays held
 * while the registration is approved. Rejection releases the lock. One audit entry.
 * Crash safety: the decision is the conditional write; the role and the points after it are each
 * idempotent, so a decision that died (or lost its reply) after its write is finished by the next
 * decide call on that registration — it is still answered `registration.not-pending`.
 * Requests (issue #13 part 4): the registration with its community's rules, whether its member
 * has a balance there and the caller with their roles in one aggregation (with-caller.ts), the
 * decision; an approval then the role, its re-check, and one transaction with the credit and the
 * audit entry (start, entry, balance — added for the member's first credit — audit, commit) — 9;
 * a rejection the lock and the audit — 4.
 */
import type { DecideRegistrationInput, Registration } from '../../../types/checkin';
import { AppError } from '../../../types/errors';
import { randomBytes } from 'node:crypto';
import { auditDocOf, writeAudit, type AuditInput } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { runTransaction } from '../../_shared/database';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import type { AuditDoc, RegistrationDoc } from '../../_shared/documents';
import { credit, creditInTransaction, type CreditInput } from '../../_shared/ledger';
import type { PointRulesDoc } from '../../_shared/point-rules';
import { crashPoint } from '../../_shared/crash-points';
import { applyMove } from '../../_shared/state-machine';
import { forbidden, requireAdmin } from './permissions';
import { registrationMachine } from './registration-machine';
import { inOfficeMemberRole, notDecidable, releaseRegistrationLock } from './registrations';
import { C, findById } from './store';
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
  const found = await loadWithCaller<RegistrationDoc>(ctx, C.registrations, input.registrationId, {
    rules: true,
    ownerBalance: true,
  });
  if (!found) throw new AppError('NOT_FOUND', 'registration.not-found', '该报到记录不存在');
  const { doc: reg, rules, actor, ownerHasBalance } = found;
  const admin = requireAdmin(actor, reg.communityId);
  if (reg.userId === admin._id) throw forbidden('registration.own', '不能审核自己的报到申请');
  if (reg.status !== 'pending') {
    // A decision that died after its write (or lost its reply) is finished by the next decide
    // call that meets it: the approved member's role and points, both idempotent.
    if (reg.status === 'approved') await completeApproval(ctx, reg, rules, reg.decidedBy ?? admin._id);
    throw notDecidable(reg.status);
  }

  const approve = input.decision === 'approve';
  const change = {
    status: approve ? ('approved' as const) : ('rejected' as const),
    reason: input.decision === 'reject' ? input.reason : null,
    decidedBy: admin._id,
    decidedAt: ctx.now(),
  };
  const res = await applyMove(ctx.db, registrationMachine, 'decide', {
    id: reg._id,
    to: change.status,
    update: change,
  });
  if (!res.applied) {
    const current = await findById<RegistrationDoc>(ctx, C.registrations, reg._id);
    throw notDecidable(current?.status ?? reg.status);
  }
  const decided: RegistrationDoc = { ...reg, ...change };

  crashPoint('checkin.decideRegistration.after-decision');
  const audit = (roleIdGranted: string | null, points: number): AuditInput => ({
    communityId: reg.communityId,
    action: 'checkin.decideRegistration',
    targetKind: 'registration',
    targetId: reg._id,
    summary: approve
      ? `通过 ${reg.userName}（${reg.workUnitName}）的报到申请`
      : `驳回 ${reg.userName}（${reg.workUnitName}）的报到申请：${change.reason ?? ''}`,
    before: { status: reg.status },
    after: { status: change.status, reason: change.reason, roleId: roleIdGranted, points },
  });
  if (approve) {
    // The audit entry is written in the credit's transaction (or alone when the rule gives none).
    await completeApproval(ctx, decided, rules, admin._id, {
      balanceAbsent: ownerHasBalance === false,
      audit: (roleIdGranted, points) => auditDocOf(ctx, admin, audit(roleIdGranted, points), newAuditId()),
    });
  } else {
    await releaseRegistrationLock(ctx, reg.userId, reg.communityId);
    await writeAudit(ctx, admin, audit(null, 0));
  }
  return toRegistration(decided, actor);
}

const newAuditId = () => `audit-${randomBytes(12).toString('hex')}`;

/**
 * What an approval grants, each step idempotent so that a retry can finish it: the in-office
 * member role (a withdrawal that slipped in between the decision and the role write has already
 * tried to remove the role; seeing it, the role is taken back) and the registration points
 * (ledger key `registration:<id>`, credited once).
 */
async function completeApproval(
  ctx: Ctx,
  decided: RegistrationDoc,
  rules: PointRulesDoc,
  grantedBy: string,
  /**
   * For the decision itself (not a retry that finishes one): whether the member has no balance
   * in the community yet (read with the registration: the credit then adds it, one request), and
   * the audit entry, written in the credit's transaction.
   */
  first?: { balanceAbsent: boolean; audit: (roleIdGranted: string | null, points: number) => AuditDoc },
): Promise<{ roleIdGranted: string | null; points: number }> {
  const role = inOfficeMemberRole(decided, grantedBy, decided.decidedAt ?? ctx.now());
  const { _id, ...fields } = role;
  await ctx.db.collection(C.roles).doc(_id).set(fields);
  let roleIdGranted: string | null = _id;
  const latest = await findById<RegistrationDoc>(ctx, C.registrations, decided._id);
  if (latest?.status !== 'approved') {
    await ctx.db.collection(C.roles).where({ _id, memberType: 'in_office' }).remove();
    roleIdGranted = null;
  }
  let points = 0;
  const input: CreditInput = {
    key: `registration:${decided._id}`,
    userId: decided.userId,
    communityId: decided.communityId,
    amount: rules.registration,
    reason: 'registration',
    sourceId: decided._id,
    explanation: `报到：${decided.workUnitName} +${rules.registration}`,
    createdBy: grantedBy,
  };
  if (first) {
    if (rules.registration <= 0) {
      await ctx.db.collection(C.auditLog).add(first.audit(roleIdGranted, 0));
      return { roleIdGranted, points };
    }
    // The decision has just moved the registration out of pending, so its entry is new: the
    // transaction adds it, moves the balance and writes the audit entry, all or none. A collision
    // can only be a balance created meanwhile (when the read saw none): it runs again without the hint.
    const audit = first.audit(roleIdGranted, rules.registration);
    let balanceAbsent = first.balanceAbsent;
    for (;;) {
      try {
        await runTransaction(ctx.db, async (tx) => {
          await creditInTransaction(tx, ctx, input, { fresh: true, balanceAbsent });
          await tx.collection(C.auditLog).add(audit);
        });
        return { roleIdGranted, points: rules.registration };
      } catch (error) {
        if (!(balanceAbsent && isDuplicateWrite(error))) throw error;
        balanceAbsent = false;
      }
    }
  }
  if (rules.registration > 0) {
    const { credited } = await credit(ctx, input);
    if (credited) points = rules.registration;
  }
  return { roleIdGranted, points };
}
