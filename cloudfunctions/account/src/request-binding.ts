/**
 * account.requestBinding — the caller asks to be bound to a household.
 * Invariants: the caller has a profile; the household exists; the caller is not already a
 * resident of it (PRECONDITION_FAILED); at most one pending request per person and household,
 * enforced by a lock document `binding:<userId>:<householdId>` added with an explicit `_id`
 * (a second add collides → CONFLICT), released when the request is withdrawn or decided.
 * With `claimOffline` (认领代办记录, docs/adr/0040-proxy-acts.md) the caller says they are the
 * resident without WeChat a 代办 proxy recorded at this household under the caller's profile
 * name: the record must exist, be unclaimed and be a resident of the household (VALIDATION
 * `binding.no-offline-record`), and the caller must hold no role yet (PRECONDITION_FAILED
 * `binding.claim-has-history`: a history is joined, never merged); the request names the record
 * and attaches nothing — only its approval by a decider does (account.decideBinding).
 * Changes only the caller's own data (not audited).
 */
import { randomBytes } from 'node:crypto';
import type { BindingRequest, RequestBindingInput } from '../../../types/account';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getByIdWith, isDuplicateWrite } from '../../_shared/db-helpers';
import {
  undecidedBinding,
  type BindingRequestDoc,
  type LockDoc,
  type RoleDoc,
  type UserDoc,
} from '../../_shared/documents';
import { bindingLockId, loadHouseholdPlace, releaseBindingLock } from './bindings';
import { claimable, claimHasHistory, offlineResidentId } from './offline-residents';
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
  const claimOfflineId = input.claimOffline ? await claimedRecord(ctx, input.householdId, user.name) : null;
  if (claimOfflineId && actor.roles.length > 0) throw claimHasHistory();

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
    ...(claimOfflineId ? { claimOfflineId } : {}),
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

/** The offline record of `name` at the household, when it is there to be claimed (one request). */
async function claimedRecord(ctx: Ctx, householdId: string, name: string): Promise<string> {
  const id = offlineResidentId(householdId, name);
  const row = await getByIdWith<UserDoc & { _roles: RoleDoc[] }>(ctx, Collections.users, id, (one) =>
    one.lookup({ from: Collections.roles, localField: '_id', foreignField: 'userId', as: '_roles' }),
  );
  if (!row || !claimable(row, row._roles, householdId)) {
    throw new AppError(
      'VALIDATION',
      'binding.no-offline-record',
      '这户没有以您的姓名登记的代办记录，请核对姓名或联系网格员',
      {
        claimOffline: '请核对姓名',
      },
    );
  }
  return id;
}
