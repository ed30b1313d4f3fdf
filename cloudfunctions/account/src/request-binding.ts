/**
 * account.requestBinding — the caller asks to be bound to a household.
 * Invariants: the caller has a profile; the household exists; the caller is not already a
 * resident of it (PRECONDITION_FAILED); at most one pending request per person and household,
 * enforced by a lock document `binding:<userId>:<householdId>` added with an explicit `_id`
 * (a second add collides → CONFLICT), released when the request is withdrawn or decided.
 * Changes only the caller's own data (not audited).
 */
import { randomBytes } from 'node:crypto';
import type { BindingRequest, RequestBindingInput } from '../../../types/account';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import { undecidedBinding, type BindingRequestDoc, type LockDoc } from '../../_shared/documents';
import { bindingLockId, loadHouseholdPlace, releaseBindingLock } from './bindings';
import { toBinding } from './to-binding';

export async function requestBinding({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RequestBindingInput;
}): Promise<BindingRequest> {
  const actor = await loadActor(ctx);
  const user = actor.requireUser();
  const place = await loadHouseholdPlace(ctx, input.householdId);
  if (actor.has('resident', (r) => r.householdId === input.householdId)) {
    throw new AppError('PRECONDITION_FAILED', 'binding.already-bound', '您已是该房屋的居民，无需重复绑定');
  }

  const now = ctx.now();
  const requestId = `bind-${randomBytes(12).toString('hex')}`;
  const lock: LockDoc = { _id: bindingLockId(user._id, input.householdId), holder: requestId, createdAt: now };
  try {
    await ctx.db.collection(Collections.locks).add(lock);
  } catch (error) {
    if (isDuplicateWrite(error)) {
      throw new AppError('CONFLICT', 'binding.already-pending', '您已提交过该房屋的绑定申请，请等待审核');
    }
    throw error;
  }

  const { household } = place;
  const doc: BindingRequestDoc = {
    _id: requestId,
    userId: user._id,
    userName: user.name,
    communityId: household.communityId,
    estateId: household.estateId,
    buildingId: household.buildingId,
    householdId: household._id,
    householdLabel: place.label,
    relation: input.relation,
    ...undecidedBinding(now),
  };
  try {
    await ctx.db.collection(Collections.bindingRequests).add(doc);
  } catch (error) {
    await releaseBindingLock(ctx, user._id, input.householdId);
    throw error;
  }
  return toBinding(doc, user, { fullName: true, fullPhone: true });
}
