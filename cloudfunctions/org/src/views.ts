/**
 * Stored documents → what clients see (the shapes of types/org.ts), built field by field so no
 * stored field leaks by accident. Invariant: a household's floor area and 党员中心户 flag, and
 * a work unit's phone and liaison name, leave the server in full only when the verb says the
 * caller may see them.
 */
import type { Building, Community, Estate, Grid, Household, HouseholdPublic, WorkUnit } from '../../../types/org';
import type {
  BuildingDoc,
  CommunityDoc,
  EstateDoc,
  GridDoc,
  HouseholdDoc,
  StreetDoc,
  WorkUnitDoc,
} from '../../_shared/documents';
import { maskName } from '../../_shared/privacy';

export function toCommunity(doc: CommunityDoc, street: StreetDoc | undefined): Community {
  return {
    id: doc._id,
    streetId: doc.streetId,
    streetName: street?.name ?? '',
    name: doc.name,
    address: doc.address,
  };
}

export function toEstate(doc: EstateDoc): Estate {
  return { id: doc._id, communityId: doc.communityId, name: doc.name, partyBranchName: doc.partyBranchName };
}

export function toBuilding(doc: BuildingDoc): Building {
  return {
    id: doc._id,
    communityId: doc.communityId,
    estateId: doc.estateId,
    name: doc.name,
    partyGroupName: doc.partyGroupName,
    gridId: doc.gridId ?? null,
  };
}

/** A grid with its buildings' ids (in the order given). */
export function toGrid(doc: GridDoc, buildings: readonly BuildingDoc[]): Grid {
  return {
    id: doc._id,
    communityId: doc.communityId,
    name: doc.name,
    buildingIds: buildings.filter((b) => b.gridId === doc._id).map((b) => b._id),
  };
}

export function toHouseholdPublic(doc: HouseholdDoc): HouseholdPublic {
  return { id: doc._id, buildingId: doc.buildingId, room: doc.room };
}

export function toHousehold(doc: HouseholdDoc): Household {
  return {
    id: doc._id,
    buildingId: doc.buildingId,
    room: doc.room,
    communityId: doc.communityId,
    estateId: doc.estateId,
    floorArea: doc.floorArea,
    isPartyCenter: doc.isPartyCenter,
  };
}

/**
 * Every character but the last four becomes "*": fits mobiles and landlines alike
 * (0571-88000001 → *********0001). Four characters or fewer → "***".
 */
export function maskTail(value: string | null): string | null {
  if (!value) return null;
  const chars = Array.from(value);
  if (chars.length <= 4) return '***';
  return '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
}

export function toWorkUnit(doc: WorkUnitDoc, liaisonName: string | null, full: boolean): WorkUnit {
  return {
    id: doc._id,
    communityId: doc.communityId,
    name: doc.name,
    partyOrgName: doc.partyOrgName,
    contactPhone: full ? (doc.contactPhone ?? null) : maskTail(doc.contactPhone ?? null),
    liaisonUserId: doc.liaisonUserId ?? null,
    liaisonName: liaisonName === null ? null : full ? liaisonName : maskName(liaisonName),
  };
}
