/**
 * Resolves the scope of a role to grant: checks that the scope target (building, estate,
 * council, work unit) exists and belongs to the community, and works out the role's natural
 * key, its scope fields and its human label. A target in another community is FORBIDDEN, so
 * an admin cannot reach into a foreign community by passing their own communityId. A street
 * viewer's street is always the community's own street (read here, never taken from the input).
 */
import { memberTypeLabels, type GrantRoleInput } from '../../../types/account';
import { AppError } from '../../../types/errors';
import { Collections, type CollectionName } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getById } from '../../_shared/db-helpers';
import type {
  BuildingDoc,
  CommunityDoc,
  CouncilDoc,
  EstateDoc,
  RoleDoc,
  StreetDoc,
  WorkUnitDoc,
} from '../../_shared/documents';

type ScopeFields = Pick<
  RoleDoc,
  | 'estateId'
  | 'buildingId'
  | 'councilId'
  | 'councilKind'
  | 'position'
  | 'workUnitId'
  | 'memberType'
  | 'streetId'
  | 'scopeLabel'
>;

export interface ResolvedScope extends ScopeFields {
  /** The id in the role's natural key. */
  scopeId: string;
}

const none = {
  estateId: null,
  buildingId: null,
  councilId: null,
  councilKind: null,
  position: null,
  workUnitId: null,
  memberType: null,
  streetId: null,
};

async function inCommunity<T extends { communityId: string }>(
  ctx: Ctx,
  collection: CollectionName,
  id: string | undefined,
  communityId: string,
  what: string,
): Promise<T> {
  const doc = id ? await getById<T>(ctx, collection, id) : null;
  if (!doc) throw new AppError('NOT_FOUND', 'scope.not-found', `${what}不存在`);
  if (doc.communityId !== communityId) {
    throw new AppError('FORBIDDEN', 'scope.foreign', `该${what}不属于本社区`);
  }
  return doc;
}

export async function resolveScope(ctx: Ctx, input: GrantRoleInput): Promise<ResolvedScope> {
  const c = input.communityId;
  switch (input.kind) {
    case 'admin': {
      const community = await getById<CommunityDoc>(ctx, Collections.communities, c);
      if (!community) throw new AppError('NOT_FOUND', 'scope.not-found', '社区不存在');
      return { ...none, scopeId: c, scopeLabel: community.name };
    }
    case 'street_viewer': {
      const community = await getById<CommunityDoc>(ctx, Collections.communities, c);
      if (!community) throw new AppError('NOT_FOUND', 'scope.not-found', '社区不存在');
      const street = await getById<StreetDoc>(ctx, Collections.streets, community.streetId);
      if (!street) throw new AppError('NOT_FOUND', 'scope.not-found', '街道不存在');
      return { ...none, scopeId: street._id, streetId: street._id, scopeLabel: street.name };
    }
    case 'member': {
      const memberType = input.memberType ?? 'retired';
      if (memberType !== 'in_office') {
        return { ...none, scopeId: c, memberType, scopeLabel: memberTypeLabels[memberType] };
      }
      const unit = await inCommunity<WorkUnitDoc>(ctx, Collections.workUnits, input.workUnitId, c, '报到单位');
      return {
        ...none,
        scopeId: c,
        memberType,
        workUnitId: unit._id,
        scopeLabel: `${memberTypeLabels[memberType]} · ${unit.name}`,
      };
    }
    case 'estate_leader': {
      const estate = await inCommunity<EstateDoc>(ctx, Collections.estates, input.estateId, c, '小区');
      return { ...none, scopeId: estate._id, estateId: estate._id, scopeLabel: estate.name };
    }
    case 'building_leader': {
      const building = await inCommunity<BuildingDoc>(ctx, Collections.buildings, input.buildingId, c, '楼栋');
      const estate = await getById<EstateDoc>(ctx, Collections.estates, building.estateId);
      return {
        ...none,
        scopeId: building._id,
        estateId: building.estateId,
        buildingId: building._id,
        scopeLabel: `${estate?.name ?? ''} · ${building.name}`,
      };
    }
    case 'council_member': {
      const council = await inCommunity<CouncilDoc>(ctx, Collections.councils, input.councilId, c, '三会组织');
      const position = input.position ?? 'member';
      return {
        ...none,
        scopeId: council._id,
        councilId: council._id,
        councilKind: council.kind,
        position,
        scopeLabel: `${council.name}${position === 'chair' ? '主任' : '成员'}`,
      };
    }
  }
}
