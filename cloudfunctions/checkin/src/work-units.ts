/**
 * What the work-unit registration verbs share: the lock that keeps one pending application
 * per unit name and community, loading an application, and the "name already registered" check.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../types/errors';
import type { Ctx } from '../../_shared/context';
import type { UnitRegistrationDoc } from '../../_shared/documents';
import { Collections } from '../../_shared/collections';
import { getById } from '../../_shared/db-helpers';

/** The lock held while an application for this unit name is pending (the name is hashed into the id). */
export function unitNameLockId(communityId: string, name: string): string {
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 32);
  return `unit-registration:${communityId}:${digest}`;
}

export async function releaseUnitNameLock(ctx: Ctx, communityId: string, name: string): Promise<void> {
  await ctx.db
    .collection(Collections.locks)
    .where({ _id: unitNameLockId(communityId, name) })
    .remove();
}

export function unitRegistrationNotFound(): AppError {
  return new AppError('NOT_FOUND', 'unit-registration.not-found', '该单位报到申请不存在');
}

export async function loadUnitRegistration(ctx: Ctx, id: string): Promise<UnitRegistrationDoc> {
  const doc = await getById(ctx, Collections.unitRegistrations, id);
  if (!doc) throw unitRegistrationNotFound();
  return doc;
}

function nameTaken(name: string): AppError {
  return new AppError('CONFLICT', 'work-unit.duplicate-name', `本社区已登记名为“${name}”的报到单位`);
}

/** CONFLICT when the community already has a registered work unit of this name. */
export async function assertUnitNameFree(ctx: Ctx, communityId: string, name: string): Promise<void> {
  const res = await ctx.db.collection(Collections.workUnits).where({ communityId, name }).limit(1).get();
  if ((res.data as unknown[]).length > 0) throw nameTaken(name);
}

/** The same check on units already read (those bearing the name, in any community). */
export function refuseNameTaken(
  where: { communityId: string; name: string },
  sameName: ReadonlyArray<{ communityId: string; name: string }>,
): void {
  if (sameName.some((u) => u.communityId === where.communityId && u.name === where.name)) throw nameTaken(where.name);
}
