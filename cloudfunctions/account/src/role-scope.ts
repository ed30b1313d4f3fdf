/**
 * Resolves the scope of a role to grant: checks that the scope target (building, estate, grid,
 * council, work unit) exists and belongs to the community, and works out the role's natural
 * key, its scope fields and its human label. A target in another community is FORBIDDEN, so
 * an admin cannot reach into a foreign community by passing their own communityId. A street
 * viewer's street is always the community's own street (read here, never taken from the input).
 */
import { memberTypeLabels, type GrantRoleInput } from '../../../types/account';
import { AppError } from '../../../types/errors';
import { Collections } from '../../_shared/collections';
import type { DocOf } from '../../../types/documents';
import type { Ctx } from '../../_shared/context';
import { getById, getByIdWith } from '../../_shared/db-helpers';
import {
  noRoleScope,
  type BuildingDoc,
  type CommunityDoc,
  type EstateDoc,
  type RoleDoc,
  type StreetDoc,
} from '../../_shared/documents';

type ScopeFields = Pick<
  RoleDoc,
  | 'estateId'
  | 'buildingId'
  | 'householdId'
  | 'councilId'
  | 'councilKind'
  | 'position'
  | 'workUnitId'
  | 'memberType'
  | 'streetId'
  | 'gridId'
  | 'scopeLabel'
>;

export interface ResolvedScope extends ScopeFields {
  /** The id in the role's natural key. */
  scopeId: string;
}

async function inCommunity<C extends 'estates' | 'buildings' | 'grids' | 'households' | 'councils' | 'work_units'>(
  ctx: Ctx,
  collection: C,
  id: string | undefined,
  communityId: string,
  what: string,
): Promise<DocOf<C>> {
  const doc = id ? await getById(ctx, collection, id) : null;
  if (!doc) throw new AppError('NOT_FOUND', 'scope.not-found', `${what}不存在`);
  if (doc.communityId !== communityId) {
    throw new AppError('FORBIDDEN', 'scope.foreign', `该${what}不属于本社区`);
  }
  return doc;
}

/** A community with its street joined (`street` has 0 or 1 element). */
export interface CommunityWithStreet extends CommunityDoc {
  street: StreetDoc[];
}

/** The community and its street in one request, or null. */
export async function communityWithStreet(ctx: Ctx, communityId: string): Promise<CommunityWithStreet | null> {
  return getByIdWith<CommunityWithStreet>(ctx, Collections.communities, communityId, (one) =>
    one.lookup({ from: Collections.streets, localField: 'streetId', foreignField: '_id', as: 'street' }),
  );
}

/** The building in the community with its estate joined, in one request. */
async function buildingWithEstate(
  ctx: Ctx,
  id: string | undefined,
  communityId: string,
): Promise<BuildingDoc & { estate: EstateDoc[] }> {
  const doc = id
    ? await getByIdWith<BuildingDoc & { estate: EstateDoc[] }>(ctx, Collections.buildings, id, (one) =>
        one.lookup({ from: Collections.estates, localField: 'estateId', foreignField: '_id', as: 'estate' }),
      )
    : null;
  if (!doc) throw new AppError('NOT_FOUND', 'scope.not-found', '楼栋不存在');
  if (doc.communityId !== communityId) throw new AppError('FORBIDDEN', 'scope.foreign', '该楼栋不属于本社区');
  return doc;
}

/**
 * `community` is the community (with its street) when the caller already read it (a street
 * viewer's grant), so it is not read twice.
 */
export async function resolveScope(
  ctx: Ctx,
  input: GrantRoleInput,
  known?: CommunityWithStreet | null,
): Promise<ResolvedScope> {
  const c = input.communityId;
  switch (input.kind) {
    case 'admin': {
      const community = await getById(ctx, Collections.communities, c);
      if (!community) throw new AppError('NOT_FOUND', 'scope.not-found', '社区不存在');
      return { ...noRoleScope, scopeId: c, scopeLabel: community.name };
    }
    case 'street_viewer': {
      const community = known === undefined ? await communityWithStreet(ctx, c) : known;
      if (!community) throw new AppError('NOT_FOUND', 'scope.not-found', '社区不存在');
      const street = community.street[0];
      if (!street) throw new AppError('NOT_FOUND', 'scope.not-found', '街道不存在');
      return { ...noRoleScope, scopeId: street._id, streetId: street._id, scopeLabel: street.name };
    }
    case 'member': {
      const memberType = input.memberType ?? 'retired';
      if (memberType !== 'in_office') {
        return { ...noRoleScope, scopeId: c, memberType, scopeLabel: memberTypeLabels[memberType] };
      }
      const unit = await inCommunity(ctx, Collections.workUnits, input.workUnitId, c, '报到单位');
      return {
        ...noRoleScope,
        scopeId: c,
        memberType,
        workUnitId: unit._id,
        scopeLabel: `${memberTypeLabels[memberType]} · ${unit.name}`,
      };
    }
    case 'estate_leader': {
      const estate = await inCommunity(ctx, Collections.estates, input.estateId, c, '小区');
      return { ...noRoleScope, scopeId: estate._id, estateId: estate._id, scopeLabel: estate.name };
    }
    case 'building_leader': {
      const building = await buildingWithEstate(ctx, input.buildingId, c);
      const estate = building.estate[0];
      return {
        ...noRoleScope,
        scopeId: building._id,
        estateId: building.estateId,
        buildingId: building._id,
        scopeLabel: `${estate?.name ?? ''} · ${building.name}`,
      };
    }
    case 'grid_worker':
    case 'grid_leader': {
      const grid = await inCommunity(ctx, Collections.grids, input.gridId, c, '网格');
      return { ...noRoleScope, scopeId: grid._id, gridId: grid._id, scopeLabel: grid.name };
    }
    case 'council_member': {
      const council = await inCommunity(ctx, Collections.councils, input.councilId, c, '三会组织');
      const position = input.position ?? 'member';
      return {
        ...noRoleScope,
        scopeId: council._id,
        councilId: council._id,
        councilKind: council.kind,
        position,
        scopeLabel: `${council.name}${position === 'chair' ? '主任' : '成员'}`,
      };
    }
  }
}
