/**
 * The people of the demo community the history is acted by, looked up by role and place from
 * the demo's own documents (demo-community.ts) — so the history follows the community if it
 * changes. Deterministic: the same people in the same order every time.
 */
import type { RoleDoc, UserDoc } from '../../../cloudfunctions/_shared/documents';
import { buildDemoData, DEMO_COMMUNITY_ID, demoPersonas } from '../demo-community';

export const COMMUNITY = DEMO_COMMUNITY_ID;
export const P = demoPersonas;

export interface Person {
  userId: string;
  openid: string;
  name: string;
  householdId: string | null;
  buildingId: string | null;
  estateId: string | null;
}

export interface Cast {
  byUserId: Map<string, Person>;
  /** Residents (people with a household) of a building, in the demo's order. */
  residentsOf(buildingId: string): Person[];
  /** Residents of an estate. */
  residentsOfEstate(estateId: string): Person[];
  /** Party members of a type (in_office / retired / mobile). */
  members(type?: 'in_office' | 'retired' | 'mobile'): Person[];
  /** The holders of a role kind (e.g. council_member) with their role documents. */
  holders(kind: RoleDoc['kind']): Array<{ person: Person; role: RoleDoc }>;
  /** People with a household and no role beyond resident: candidates for a first 报到. */
  plainResidents(): Person[];
  person(openid: string): Person;
}

export function castOf(now: Date): Cast {
  const data = buildDemoData(now);
  const homes = new Map<string, RoleDoc>();
  for (const r of data.roles) if (r.kind === 'resident') homes.set(r.userId, r);
  const toPerson = (u: UserDoc): Person => {
    const home = homes.get(u._id);
    return {
      userId: u._id,
      openid: u.openid,
      name: u.name,
      householdId: home?.householdId ?? null,
      buildingId: home?.buildingId ?? null,
      estateId: home?.estateId ?? null,
    };
  };
  const people = data.users.map(toPerson);
  const byUserId = new Map(people.map((p) => [p.userId, p]));
  const byOpenid = new Map(people.map((p) => [p.openid, p]));
  const withRoles = new Map<string, RoleDoc[]>();
  for (const r of data.roles) withRoles.set(r.userId, [...(withRoles.get(r.userId) ?? []), r]);
  return {
    byUserId,
    residentsOf: (buildingId) => people.filter((p) => p.buildingId === buildingId),
    residentsOfEstate: (estateId) => people.filter((p) => p.estateId === estateId),
    members: (type) =>
      data.roles
        .filter((r) => r.kind === 'member' && (!type || r.memberType === type))
        .map((r) => byUserId.get(r.userId)!),
    holders: (kind) =>
      data.roles.filter((r) => r.kind === kind).map((role) => ({ person: byUserId.get(role.userId)!, role })),
    plainResidents: () =>
      people.filter((p) => p.householdId && (withRoles.get(p.userId) ?? []).every((r) => r.kind === 'resident')),
    person(openid) {
      const p = byOpenid.get(openid);
      if (!p) throw new Error(`seed: no demo person ${openid}`);
      return p;
    },
  };
}
