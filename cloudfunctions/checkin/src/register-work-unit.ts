/**
 * checkin.registerWorkUnit — a person applies for their work unit to register (单位报到) with a
 * community; on approval they become its liaison (联络员).
 * Invariants: the caller has a profile (FORBIDDEN otherwise: this action's contract has no
 * PRECONDITION_FAILED); the community exists; a unit of that name is not already registered
 * in the community (CONFLICT `work-unit.duplicate-name`), and at most one application per name
 * is pending, enforced by a lock document added with an explicit `_id` (a second add collides
 * → CONFLICT `unit-registration.already-pending`), released when the application is decided.
 * Changes only the caller's own data (not audited).
 */
import type { RegisterWorkUnitInput, UnitRegistration } from '../../../types/checkin';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { getById, isDuplicateWrite } from '../../_shared/db-helpers';
import type { LockDoc, UnitRegistrationDoc } from '../../_shared/documents';
import { forbidden } from './permissions';
import { newId } from './store';
import { toUnitRegistration } from './to-registration';
import { assertUnitNameFree, releaseUnitNameLock, unitNameLockId } from './work-units';
import { Collections } from '../../_shared/collections';

export async function registerWorkUnit({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RegisterWorkUnitInput;
}): Promise<UnitRegistration> {
  const actor = await loadActor(ctx);
  const user = actor.user;
  if (!user) throw forbidden('account.no-profile', '请先完善个人信息');
  const community = await getById(ctx, Collections.communities, input.communityId);
  if (!community) throw new AppError('NOT_FOUND', 'community.not-found', '该社区不存在');
  await assertUnitNameFree(ctx, community._id, input.name);

  const now = ctx.now();
  const id = newId('ureg');
  const lock: LockDoc = { _id: unitNameLockId(community._id, input.name), holder: id, createdAt: now };
  try {
    await ctx.db.collection(Collections.locks).add(lock);
  } catch (error) {
    if (isDuplicateWrite(error)) {
      throw new AppError('CONFLICT', 'unit-registration.already-pending', `“${input.name}”的报到申请正在审核中`);
    }
    throw error;
  }
  const doc: UnitRegistrationDoc = {
    _id: id,
    communityId: community._id,
    applicantId: user._id,
    applicantName: user.name,
    name: input.name,
    partyOrgName: input.partyOrgName,
    contactPhone: input.contactPhone,
    status: 'pending',
    reason: null,
    workUnitId: null,
    decidedBy: null,
    createdAt: now,
    decidedAt: null,
  };
  try {
    await ctx.db.collection(Collections.unitRegistrations).add(doc);
  } catch (error) {
    await releaseUnitNameLock(ctx, community._id, input.name);
    throw error;
  }
  return toUnitRegistration(doc, actor);
}
