/**
 * account.withdrawBinding — the caller withdraws their own pending request.
 * Invariants: only the applicant (FORBIDDEN for anyone else); only while pending
 * (binding-machine.ts) — a
 * conditional write on `status: 'pending'` so a withdrawal racing a decision cannot both win
 * (the loser gets PRECONDITION_FAILED with the current status); `decidedAt` records when it
 * was closed; releases the lock.
 * Changes only the caller's own data (not audited).
 */
import type { BindingRequest, WithdrawBindingInput } from '../../../types/account';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getById } from '../../_shared/db-helpers';
import { applyMove, decide } from '../../_shared/state-machine';
import { bindingMachine } from './binding-machine';
import { notPending, releaseBindingLock } from './bindings';
import { toBinding } from './to-binding';

export async function withdrawBinding({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: WithdrawBindingInput;
}): Promise<BindingRequest> {
  const actor = await loadActor(ctx);
  const user = actor.requireUser();
  const request = await getById(ctx, Collections.bindingRequests, input.requestId);
  if (!request) throw new AppError('NOT_FOUND', 'binding.not-found', '该绑定申请不存在');
  if (request.userId !== user._id) {
    throw new AppError('FORBIDDEN', 'binding.not-yours', '只能撤回自己的绑定申请');
  }
  if (!decide(bindingMachine, request.status, 'withdraw').ok) throw notPending(request.status);

  const change = { status: 'withdrawn' as const, decidedAt: ctx.now() };
  const res = await applyMove(ctx.db, bindingMachine, 'withdraw', {
    id: request._id,
    to: change.status,
    update: change,
  });
  if (!res.applied) {
    const current = await getById(ctx, Collections.bindingRequests, request._id);
    throw notPending(current?.status ?? request.status);
  }
  await releaseBindingLock(ctx, user._id, request.householdId);
  return toBinding({ ...request, ...change }, user, { fullName: true, fullPhone: true });
}
