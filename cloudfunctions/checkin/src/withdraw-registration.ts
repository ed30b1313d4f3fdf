/**
 * checkin.withdrawRegistration — the member withdraws (注销) their own pending or approved
 * registration, with a reason.
 * Invariants: only the member themself (FORBIDDEN for anyone else, admins included); only
 * while open — a conditional write on the status it read, so a withdrawal racing a decision
 * sees the decision (and, if it was an approval, removes the role it granted); the registration document stays (status withdrawn, the reason,
 * `withdrawnAt`) so the history remains; an approved registration's in-office member role in
 * that community is removed (a retired/mobile member role is left alone); points already
 * credited stay (the ledger is append-only); the lock is released; audited, because it
 * changes the community's roster.
 */
import type { Registration, WithdrawRegistrationInput } from '../../../types/checkin';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { roleId, type RegistrationDoc } from '../../_shared/documents';
import { forbidden } from './permissions';
import { applyMove, decide } from '../../_shared/state-machine';
import { registrationMachine } from './registration-machine';
import { loadRegistration, notDecidable, releaseRegistrationLock } from './registrations';
import { C, findById } from './store';
import { toRegistration } from './to-registration';

export async function withdrawRegistration({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: WithdrawRegistrationInput;
}): Promise<Registration> {
  const actor = await loadActor(ctx);
  const user = actor.requireUser();
  const reg = await loadRegistration(ctx, input.registrationId);
  if (reg.userId !== user._id) throw forbidden('registration.not-yours', '只能注销自己的报到');

  const now = ctx.now();
  const change = { status: 'withdrawn' as const, reason: input.reason, withdrawnAt: now };
  // At most one retry: pending → approved can happen once while we write.
  let before = reg;
  for (let attempt = 0; ; attempt++) {
    if (!decide(registrationMachine, before.status, 'withdraw').ok) throw notDecidable(before.status);
    const res = await applyMove(ctx.db, registrationMachine, 'withdraw', {
      id: reg._id,
      from: before.status,
      to: 'withdrawn',
      update: change,
    });
    if (res.applied) break;
    const current = await findById<RegistrationDoc>(ctx, C.registrations, reg._id);
    if (!current || attempt >= 1) throw notDecidable(current?.status ?? before.status);
    before = current;
  }
  let removedRole: string | null = null;
  if (before.status === 'approved') {
    const id = roleId('member', reg.userId, reg.communityId);
    const removed = await ctx.db.collection(C.roles).where({ _id: id, memberType: 'in_office' }).remove();
    if (removed.deleted === 1) removedRole = id;
  }
  await releaseRegistrationLock(ctx, reg.userId, reg.communityId);
  await writeAudit(ctx, user, {
    communityId: reg.communityId,
    action: 'checkin.withdrawRegistration',
    targetKind: 'registration',
    targetId: reg._id,
    summary: `${reg.userName}（${reg.workUnitName}）注销报到：${input.reason}`,
    before: { status: before.status },
    after: { status: 'withdrawn', reason: input.reason, removedRoleId: removedRole },
  });
  return toRegistration({ ...before, ...change }, actor);
}
