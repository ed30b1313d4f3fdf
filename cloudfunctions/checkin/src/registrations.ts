/**
 * What the registration verbs share: the lock that keeps one open (pending or approved)
 * registration per person and community, loading a registration, the household's label, the
 * in-office member role an approval grants, and the "cannot be decided any more" error.
 */
import { memberTypeLabels } from '../../../types/account';
import { registrationStatusLabels, type RegistrationStatus } from '../../../types/checkin';
import { AppError } from '../../../types/errors';
import type { Ctx } from '../../_shared/context';
import {
  roleId,
  type BuildingDoc,
  type EstateDoc,
  type HouseholdDoc,
  type RegistrationDoc,
  type RoleDoc,
} from '../../_shared/documents';
import { C, findById } from './store';

/** The lock held while a person has an open (pending or approved) registration with a community. */
export function registrationLockId(userId: string, communityId: string): string {
  return `registration:${userId}:${communityId}`;
}

/** Releases the lock of a registration that is no longer open (an absent lock is fine). */
export async function releaseRegistrationLock(ctx: Ctx, userId: string, communityId: string): Promise<void> {
  await ctx.db
    .collection(C.locks)
    .where({ _id: registrationLockId(userId, communityId) })
    .remove();
}

export async function loadRegistration(ctx: Ctx, id: string): Promise<RegistrationDoc> {
  const doc = await findById<RegistrationDoc>(ctx, C.registrations, id);
  if (!doc) throw new AppError('NOT_FOUND', 'registration.not-found', '该报到记录不存在');
  return doc;
}

/** "幸福里小区 · 1号楼 · 1-101" for a household, or null when any part is missing. */
export async function householdLabel(ctx: Ctx, household: HouseholdDoc): Promise<string | null> {
  const [building, estate] = await Promise.all([
    findById<BuildingDoc>(ctx, C.buildings, household.buildingId),
    findById<EstateDoc>(ctx, C.estates, household.estateId),
  ]);
  if (!building || !estate) return null;
  return `${estate.name} · ${building.name} · ${household.room}`;
}

/** The in-office member role an approved registration grants (its natural key is per community). */
export function inOfficeMemberRole(reg: RegistrationDoc, grantedBy: string, now: Date): RoleDoc {
  return {
    _id: roleId('member', reg.userId, reg.communityId),
    userId: reg.userId,
    kind: 'member',
    communityId: reg.communityId,
    estateId: null,
    buildingId: null,
    householdId: null,
    councilId: null,
    councilKind: null,
    position: null,
    workUnitId: reg.workUnitId,
    memberType: 'in_office',
    scopeLabel: `${memberTypeLabels.in_office} · ${reg.workUnitName}`,
    grantedBy,
    grantedAt: now,
  };
}

export function notDecidable(status: RegistrationStatus, what = '报到'): AppError {
  return new AppError(
    'PRECONDITION_FAILED',
    'registration.not-pending',
    `该${what}申请当前状态为“${registrationStatusLabels[status]}”，不能再处理`,
  );
}
