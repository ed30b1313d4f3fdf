/**
 * The labels copied from places and work units onto other documents, composed in ONE place.
 * Invariants:
 * - a label is a pure function of the current names (estate, building, room, work unit,
 *   community): `幸福里小区 · 1号楼 · 1-101`, `幸福里小区 · 1号楼`, `在职党员 · 区图书馆`;
 * - every document that stores such a copy is listed in `labelCopies` with the fields it copies
 *   and how to recompute them, so the relabel job (org/src/relabel-copies.ts) can make every copy
 *   follow a rename, and a test can prove each copy equals its recomputation.
 */
import { memberTypeLabels } from '../../types/labels/account';
import { Collections, type CollectionName } from './collections';
import type { Ctx } from './context';
import type {
  CommunityDoc,
  EstateDoc,
  BuildingDoc,
  HouseholdDoc,
  WorkUnitDoc,
  RoleDoc,
  BindingRequestDoc,
  RegistrationDoc,
} from './documents';

type Named = Pick<EstateDoc, 'name'>;

export function estateLabel(estate: Named): string {
  return estate.name;
}

export function buildingLabel(estate: Named, building: Named): string {
  return `${estate.name} · ${building.name}`;
}

export function householdLabel(estate: Named, building: Named, household: Pick<HouseholdDoc, 'room'>): string {
  return `${estate.name} · ${building.name} · ${household.room}`;
}

/** A topic's scope: its building (with the estate) or, for an estate-wide topic, the estate. */
export function topicScopeLabel(estate: Named, building: Named | null): string {
  return building ? buildingLabel(estate, building) : estateLabel(estate);
}

export function inOfficeMemberLabel(unit: Named): string {
  return `${memberTypeLabels.in_office} · ${unit.name}`;
}

/** The places and units a copy may be computed from, by id (whatever a page of copies needs). */
export interface LabelSources {
  communities: ReadonlyMap<string, CommunityDoc>;
  estates: ReadonlyMap<string, EstateDoc>;
  buildings: ReadonlyMap<string, BuildingDoc>;
  households: ReadonlyMap<string, HouseholdDoc>;
  workUnits: ReadonlyMap<string, WorkUnitDoc>;
}

export type SourceKind = keyof LabelSources;

/** The household label of a document that names a household (null when a part is gone). */
function householdLabelOf(s: LabelSources, householdId: string | null): string | null {
  const household = householdId ? s.households.get(householdId) : undefined;
  const building = household ? s.buildings.get(household.buildingId) : undefined;
  const estate = household ? s.estates.get(household.estateId) : undefined;
  return household && building && estate ? householdLabel(estate, building, household) : null;
}

/** A document holding copies: its copied fields as they should be now (only those that can be computed). */
export interface LabelCopy<D extends { _id: string }> {
  collection: CollectionName;
  /** Which ids the recomputation needs, per source kind. */
  needs(doc: D): Partial<Record<SourceKind, Array<string | null | undefined>>>;
  expected(doc: D, sources: LabelSources): Partial<D>;
}

const roleCopy: LabelCopy<RoleDoc> = {
  collection: Collections.roles,
  needs: (r) => ({
    communities: [r.communityId],
    estates: [r.estateId],
    buildings: [r.buildingId],
    households: [r.householdId],
    workUnits: [r.workUnitId],
  }),
  expected(r, s) {
    const label = ((): string | null => {
      switch (r.kind) {
        case 'admin':
          return s.communities.get(r.communityId)?.name ?? null;
        case 'estate_leader': {
          const estate = r.estateId ? s.estates.get(r.estateId) : undefined;
          return estate ? estateLabel(estate) : null;
        }
        case 'building_leader': {
          const building = r.buildingId ? s.buildings.get(r.buildingId) : undefined;
          const estate = building ? s.estates.get(building.estateId) : undefined;
          return building && estate ? buildingLabel(estate, building) : null;
        }
        case 'resident':
          return householdLabelOf(s, r.householdId);
        case 'liaison': {
          const unit = r.workUnitId ? s.workUnits.get(r.workUnitId) : undefined;
          return unit ? unit.name : null;
        }
        case 'member': {
          const unit = r.memberType === 'in_office' && r.workUnitId ? s.workUnits.get(r.workUnitId) : undefined;
          return unit ? inOfficeMemberLabel(unit) : null;
        }
        default:
          return null;
      }
    })();
    return label === null ? {} : { scopeLabel: label };
  },
};

const householdLabelCopy = <D extends { _id: string; householdId: string | null; householdLabel: string }>(
  collection: CollectionName,
): LabelCopy<D> => ({
  collection,
  needs: (d) => ({ households: [d.householdId] }),
  expected(d, s) {
    const label = householdLabelOf(s, d.householdId);
    return (label === null ? {} : { householdLabel: label }) as Partial<D>;
  },
});

const registrationCopy: LabelCopy<RegistrationDoc> = {
  collection: Collections.registrations,
  needs: (d) => ({ households: [d.householdId], workUnits: [d.workUnitId] }),
  expected(d, s) {
    const out: Partial<RegistrationDoc> = {};
    const label = householdLabelOf(s, d.householdId);
    if (label !== null) out.householdLabel = label;
    const unit = s.workUnits.get(d.workUnitId);
    if (unit) Object.assign(out, { workUnitName: unit.name, partyOrgName: unit.partyOrgName });
    return out;
  },
};

/** A topic (only the fields the relabel job touches; the deliberation area owns the rest). */
export interface TopicLabelFields {
  _id: string;
  estateId: string;
  buildingId: string | null;
  scopeLabel: string;
}

const topicCopy: LabelCopy<TopicLabelFields> = {
  collection: Collections.topics,
  needs: (t) => ({ estates: [t.estateId], buildings: [t.buildingId] }),
  expected(t, s) {
    const estate = s.estates.get(t.estateId);
    const building = t.buildingId ? s.buildings.get(t.buildingId) : null;
    if (!estate || building === undefined) return {};
    return { scopeLabel: topicScopeLabel(estate, building) };
  },
};

/** A wish (only the fields the relabel job touches; the wish area owns the rest of its shape). */
export interface WishLabelFields {
  _id: string;
  householdId: string;
  householdLabel: string;
}

/** Every stored copy of a place's or unit's name. */
export const labelCopies = {
  roles: roleCopy,
  bindingRequests: householdLabelCopy<BindingRequestDoc>(Collections.bindingRequests),
  registrations: registrationCopy,
  wishes: householdLabelCopy<WishLabelFields>(Collections.wishes),
  topics: topicCopy,
} as const;

export type LabelCopyName = keyof typeof labelCopies;

/** The fields of `expected` that differ from the document (an empty object when the copy is current). */
export function staleFields<D extends object>(doc: D, expected: Partial<D>): Partial<D> {
  const out: Partial<D> = {};
  for (const [key, value] of Object.entries(expected) as Array<[keyof D, D[keyof D]]>) {
    if (doc[key] !== value) out[key] = value;
  }
  return out;
}

/**
 * The fields a rename adds to its own update, so the mark commits with the new name: the relabel
 * job then makes every copy follow (a second rename bumps the revision and restarts it).
 */
export function relabelMark(ctx: Ctx): Record<string, unknown> {
  return { relabelPending: true, relabelRev: ctx.db.command.inc(1), relabelCursor: null };
}
