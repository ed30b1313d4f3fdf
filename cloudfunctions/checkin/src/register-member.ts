/**
 * checkin.registerMember — an in-office Party member registers (报到) with the community where
 * they live.
 * Invariants: the caller has a profile (PRECONDITION_FAILED otherwise) that says Party member —
 * 政治面貌 中共党员, or a Party member role (`Actor.isPartyMember`); anyone else is refused with
 * `registration.not-party-member` before anything else is read or written, and pointed to the 居民 path
 * (binding to a household), so an admin never reviews a non-member's 报到; the community exists;
 * the work unit and the household exist and belong to that community (VALIDATION on the field
 * otherwise); at most one open (pending or approved) registration per person and community,
 * enforced by a lock document `registration:<userId>:<communityId>` added with an explicit
 * `_id` (a second add collides → CONFLICT), released when the registration is rejected or
 * withdrawn — or, met here, when it has ended because its member role was revoked
 * (`settleEndedRegistration`: marked `ended`, lock released, then the lock is taken again once).
 * Changes only the caller's own data (not audited).
 */
import type { Registration, RegisterMemberInput } from '../../../types/checkin';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { getById, isDuplicateWrite } from '../../_shared/db-helpers';
import type { LockDoc, RegistrationDoc } from '../../_shared/documents';
import {
  householdWithLabel,
  registrationLockId,
  releaseRegistrationLock,
  settleEndedRegistration,
} from './registrations';
import { newId } from './store';
import { toRegistration } from './to-registration';
import { Collections } from '../../_shared/collections';

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION', 'input.invalid', `填写的内容有误：${message}`, { [field]: message });
}

export async function registerMember({ ctx, input }: { ctx: Ctx; input: RegisterMemberInput }): Promise<Registration> {
  const actor = await loadActor(ctx);
  const user = actor.requireUser();
  if (!actor.isPartyMember()) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'registration.not-party-member',
      '党员报到仅限中共党员。如果您是党员，请先在“我的”资料中把政治面貌改为中共党员；居民请绑定房屋，以居民身份参与社区活动',
    );
  }
  const [community, unit, found] = await Promise.all([
    getById(ctx, Collections.communities, input.communityId),
    getById(ctx, Collections.workUnits, input.workUnitId),
    householdWithLabel(ctx, input.householdId),
  ]);
  const household = found?.household;
  if (!community) throw new AppError('NOT_FOUND', 'community.not-found', '该社区不存在');
  if (!unit || unit.communityId !== community._id) throw invalid('workUnitId', '所选单位不是本社区的报到单位');
  if (!household || household.communityId !== community._id) throw invalid('householdId', '所选房屋不在本社区');
  const label = found?.label;
  if (!label) throw invalid('householdId', '所选房屋不在本社区');

  const now = ctx.now();
  const id = newId('reg');
  const lock: LockDoc = { _id: registrationLockId(user._id, community._id), holder: id, createdAt: now };
  const alreadyOpen = () =>
    new AppError('CONFLICT', 'registration.already-open', '您已向本社区报到（或正在审核中），无需重复提交');
  for (let attempt = 0; ; attempt++) {
    try {
      await ctx.db.collection(Collections.locks).add(lock);
      break;
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      if (attempt >= 1 || !(await settleEndedRegistration(ctx, user._id, community._id))) throw alreadyOpen();
    }
  }

  const doc: RegistrationDoc = {
    _id: id,
    userId: user._id,
    userName: user.name,
    communityId: community._id,
    workUnitId: unit._id,
    workUnitName: unit.name,
    partyOrgName: unit.partyOrgName,
    householdId: household._id,
    householdLabel: label,
    skills: input.skills,
    intentions: input.intentions,
    status: 'pending',
    reason: null,
    decidedBy: null,
    createdAt: now,
    decidedAt: null,
    withdrawnAt: null,
  };
  try {
    await ctx.db.collection(Collections.registrations).add(doc);
  } catch (error) {
    await releaseRegistrationLock(ctx, user._id, community._id);
    throw error;
  }
  return toRegistration(doc, actor);
}
