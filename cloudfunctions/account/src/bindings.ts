/**
 * What the binding verbs share: the lock that keeps one pending request per person and
 * household, the household's place in the organisation, and the "not pending any more" error.
 */
import { bindingStatusLabels, type BindingStatus } from '../../../types/account';
import { AppError } from '../../../types/errors';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { BuildingDoc, EstateDoc, HouseholdDoc } from '../../_shared/documents';
import { getByIdWith } from '../../_shared/db-helpers';

/** The lock held while a person has a pending request for a household. */
export function bindingLockId(userId: string, householdId: string): string {
  return `binding:${userId}:${householdId}`;
}

/** Releases the lock of a request that is no longer pending (absent locks are fine). */
export async function releaseBindingLock(ctx: Ctx, userId: string, householdId: string): Promise<void> {
  await ctx.db
    .collection(Collections.locks)
    .where({ _id: bindingLockId(userId, householdId) })
    .remove();
}

export interface HouseholdPlace {
  household: HouseholdDoc;
  building: BuildingDoc;
  estate: EstateDoc;
  /** "幸福里小区 · 1号楼 · 1-101" */
  label: string;
}

/** The household with its building and estate, in one request (an aggregate with two lookups). */
export async function loadHouseholdPlace(ctx: Ctx, householdId: string): Promise<HouseholdPlace> {
  const row = await getByIdWith<HouseholdDoc & { building: BuildingDoc[]; estate: EstateDoc[] }>(
    ctx,
    Collections.households,
    householdId,
    (one) =>
      one
        .lookup({ from: Collections.buildings, localField: 'buildingId', foreignField: '_id', as: 'building' })
        .lookup({ from: Collections.estates, localField: 'estateId', foreignField: '_id', as: 'estate' }),
  );
  if (!row) return householdPlace(undefined, undefined, undefined);
  const { building, estate, ...household } = row;
  return householdPlace(household, building[0], estate[0]);
}

/** The place from documents already read; NOT_FOUND when any of them is missing. */
export function householdPlace(
  household: HouseholdDoc | undefined,
  building: BuildingDoc | undefined,
  estate: EstateDoc | undefined,
): HouseholdPlace {
  if (!household || !building || !estate) throw new AppError('NOT_FOUND', 'household.not-found', '该房屋不存在');
  return { household, building, estate, label: `${estate.name} · ${building.name} · ${household.room}` };
}

export function notPending(status: BindingStatus): AppError {
  return new AppError(
    'PRECONDITION_FAILED',
    'binding.not-pending',
    `该申请当前状态为“${bindingStatusLabels[status]}”，不能再处理`,
  );
}
