/**
 * What the registration verbs share: the lock that keeps one open (pending or approved)
 * registration per person and community, loading a registration, the household's label, the
 * in-office member role an approval grants, and the "cannot be decided any more" error.
 *
 * A registration is open only while its member role exists (rights end with the role): when an
 * admin revokes the member role (account.revokeRole), the approved registration has ended. That
 * is derived when met, never written by the account area: lists show such a registration as
 * `ended` (`withEndedDerived`), and registerMember settles it (`settleEndedRegistration`: the
 * registration becomes `ended` by a conditional update and its lock is released if still
 * held for it), so the person may register again. An approval younger than SETTLE_MS is left
 * alone — its role may still be being written (decideRegistration writes status, then role).
 */
import { memberTypeLabels } from '../../../types/account';
import { registrationStatusLabels, type RegistrationStatus } from '../../../types/checkin';
import { AppError } from '../../../types/errors';
import type { Ctx } from '../../_shared/context';
import {
  buildRole,
  roleId,
  type BuildingDoc,
  type EstateDoc,
  type HouseholdDoc,
  type RegistrationDoc,
  type RoleDoc,
} from '../../_shared/documents';
import { applyMove } from '../../_shared/state-machine';
import { registrationMachine } from './registration-machine';
import { Collections } from '../../_shared/collections';
import { getById, getByIdWith } from '../../_shared/db-helpers';

/** An approval (or a lock) this old has finished writing its role (or its registration). */
const SETTLE_MS = 60 * 1000;

const ms = (d: Date | string) => new Date(d).getTime();

/** Whether an approved registration has ended because its member role is gone (the role read by the caller). */
function endedBy(reg: RegistrationDoc, roleExists: boolean, now: Date): boolean {
  return (
    reg.status === 'approved' && !roleExists && reg.decidedAt !== null && now.getTime() - ms(reg.decidedAt) > SETTLE_MS
  );
}

/**
 * The same for the caller's own registrations, from the roles the caller's read already joined
 * (no request): an approved one whose member role is not among them shows as `ended`.
 */
export function withEndedFromRoles(
  docs: RegistrationDoc[],
  roles: readonly Pick<RoleDoc, '_id'>[],
  now: Date,
): RegistrationDoc[] {
  const held = new Set(roles.map((r) => r._id));
  return docs.map((d) =>
    endedBy(d, held.has(roleId('member', d.userId, d.communityId)), now) ? { ...d, status: 'ended' as const } : d,
  );
}

/** The registrations as they stand: an approved one whose member role is gone shows as `ended`. */
export async function withEndedDerived(ctx: Ctx, docs: RegistrationDoc[]): Promise<RegistrationDoc[]> {
  const approved = docs.filter((d) => d.status === 'approved');
  if (approved.length === 0) return docs;
  const ids = [...new Set(approved.map((d) => roleId('member', d.userId, d.communityId)))];
  const res = await ctx.db
    .collection(Collections.roles)
    .where({ _id: ctx.db.command.in(ids) })
    .limit(ids.length)
    .get();
  const held = new Set((res.data as RoleDoc[]).map((r) => r._id));
  const now = ctx.now();
  return docs.map((d) =>
    endedBy(d, held.has(roleId('member', d.userId, d.communityId)), now) ? { ...d, status: 'ended' as const } : d,
  );
}

/**
 * When the person's registration lock is held by a registration that has ended (approved, but its
 * member role was revoked) — or by no registration at all after SETTLE_MS (a registerMember that
 * died between its two writes) — settles it: the registration becomes `ended` (conditional on
 * `approved`) and the lock is released (conditional on its holder). Returns whether the lock
 * was (or already is) released, so the caller may try to take it again. Crash-safe: each step
 * is conditional and repeating it changes nothing.
 */
export async function settleEndedRegistration(ctx: Ctx, userId: string, communityId: string): Promise<boolean> {
  const lockId = registrationLockId(userId, communityId);
  const lock = await getById(ctx, Collections.locks, lockId);
  if (!lock) return true;
  const now = ctx.now();
  const reg = await getById(ctx, Collections.registrations, lock.holder);
  if (!reg) {
    if (now.getTime() - ms(lock.createdAt) <= SETTLE_MS) return false;
  } else {
    if (reg.status === 'pending') return false;
    if (reg.status === 'approved') {
      const role = await getById(ctx, Collections.roles, roleId('member', userId, communityId));
      if (!endedBy(reg, role !== null, now)) return false;
      await applyMove(ctx.db, registrationMachine, 'end', {
        id: reg._id,
        to: 'ended',
        update: { reason: '党员身份已被撤销，报到随之终止' },
      });
    }
  }
  const res = await ctx.db.collection(Collections.locks).where({ _id: lockId, holder: lock.holder }).remove();
  return res.deleted === 1 || (await getById(ctx, Collections.locks, lockId)) === null;
}

/** The lock held while a person has an open (pending or approved) registration with a community. */
export function registrationLockId(userId: string, communityId: string): string {
  return `registration:${userId}:${communityId}`;
}

/** Releases the lock of a registration that is no longer open (an absent lock is fine). */
export async function releaseRegistrationLock(ctx: Ctx, userId: string, communityId: string): Promise<void> {
  await ctx.db
    .collection(Collections.locks)
    .where({ _id: registrationLockId(userId, communityId) })
    .remove();
}

export async function loadRegistration(ctx: Ctx, id: string): Promise<RegistrationDoc> {
  const doc = await getById(ctx, Collections.registrations, id);
  if (!doc) throw new AppError('NOT_FOUND', 'registration.not-found', '该报到记录不存在');
  return doc;
}

/**
 * The household and its label ("幸福里小区 · 1号楼 · 1-101", null when its building or estate is
 * missing), in one request: the household with its building and estate joined.
 */
export async function householdWithLabel(
  ctx: Ctx,
  householdId: string,
): Promise<{ household: HouseholdDoc; label: string | null } | null> {
  const row = await getByIdWith<HouseholdDoc & { _building?: BuildingDoc[]; _estate?: EstateDoc[] }>(
    ctx,
    Collections.households,
    householdId,
    (one) =>
      one
        .lookup({ from: Collections.buildings, localField: 'buildingId', foreignField: '_id', as: '_building' })
        .lookup({ from: Collections.estates, localField: 'estateId', foreignField: '_id', as: '_estate' }),
  );
  if (!row) return null;
  const { _building: buildings = [], _estate: estates = [], ...household } = row;
  const building = buildings[0];
  const estate = estates[0];
  return {
    household: household as HouseholdDoc,
    label: building && estate ? `${estate.name} · ${building.name} · ${household.room}` : null,
  };
}

/** The in-office member role an approved registration grants (its natural key is per community). */
export function inOfficeMemberRole(reg: RegistrationDoc, grantedBy: string, now: Date): RoleDoc {
  return buildRole({
    kind: 'member',
    userId: reg.userId,
    communityId: reg.communityId,
    scopeId: reg.communityId,
    workUnitId: reg.workUnitId,
    memberType: 'in_office',
    scopeLabel: `${memberTypeLabels.in_office} · ${reg.workUnitName}`,
    grantedBy,
    grantedAt: now,
  });
}

export function notDecidable(status: RegistrationStatus, what = '报到'): AppError {
  return new AppError(
    'PRECONDITION_FAILED',
    'registration.not-pending',
    `该${what}申请当前状态为“${registrationStatusLabels[status]}”，不能再处理`,
  );
}
