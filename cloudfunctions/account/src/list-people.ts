/**
 * account.listPeople — people with a role in a community, with their roles, by name.
 * Invariants: admins of the community see everyone with a role there, with all of their roles
 * in the community and phones in full; building and estate leaders see only the residents of
 * their buildings, with only those resident roles and phones masked (their own in full); a
 * 网格员 or 网格长 sees the residents of their grid's buildings, with only those resident roles
 * and phones in full (full phone inside the grid only, docs/privacy.md); a
 * street admin of the community's street sees everyone with a role there (to pick whom to make
 * a street viewer), phones masked; everyone else is FORBIDDEN. Writes nothing.
 */
import type { ListPeopleInput, PersonPage, PersonSummary } from '../../../types/account';
import { loadActor, type Actor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getAll, getById, getByIds } from '../../_shared/db-helpers';
import type { RoleDoc } from '../../_shared/documents';
import { maskPhone } from '../../_shared/privacy';
import { pageSorted } from '../../_shared/paging';
import { forbidden } from './permissions';
import { sortRoles, toRole } from './to-role';

export async function listPeople({ ctx, input }: { ctx: Ctx; input: ListPeopleInput }): Promise<PersonPage> {
  const actor = await loadActor(ctx);
  const admin = actor.isAdminOf(input.communityId);
  const street = !admin && (await streetAdminOf(ctx, actor, input.communityId));
  const grid = !admin && !street ? await gridResidentRoles(ctx, actor, input.communityId) : null;
  const roles =
    admin || street
      ? await communityRoles(ctx, input.communityId)
      : await ledResidentRoles(ctx, actor, input, grid?.roles ?? []);
  /** People whose phone the caller sees in full: residents of their grid. */
  const gridPeople = new Set((grid?.roles ?? []).map((r) => r.userId));

  const byUser = new Map<string, RoleDoc[]>();
  for (const role of roles) byUser.set(role.userId, [...(byUser.get(role.userId) ?? []), role]);
  const userIds = [...byUser.entries()]
    .filter(([, held]) => !input.roleKind || held.some((r) => r.kind === input.roleKind))
    .map(([userId]) => userId);
  const users = await getByIds(ctx, Collections.users, userIds);

  const query = input.query?.trim();
  const byName = (a: readonly [string | number, string], b: readonly [string | number, string]) =>
    String(a[0]).localeCompare(String(b[0]), 'zh-CN') || a[1].localeCompare(b[1]);
  const keyOf = (u: { name: string; _id: string }): [string, string] => [u.name, u._id];
  const people = [...users.values()]
    .filter((u) => !query || u.name.includes(query))
    .sort((a, b) => byName(keyOf(a), keyOf(b)));
  const page = pageSorted(people, input, keyOf, byName);
  return {
    items: page.items.map((u): PersonSummary => ({
      id: u._id,
      name: u.name,
      phone:
        admin || u._id === actor.user?._id || gridPeople.has(u._id) ? (u.phone ?? null) : maskPhone(u.phone ?? null),
      roles: sortRoles(byUser.get(u._id) ?? []).map(toRole),
    })),
    nextCursor: page.nextCursor,
  };
}

/** Whether the caller is a street admin of the community's street. */
async function streetAdminOf(ctx: Ctx, actor: Actor, communityId: string): Promise<boolean> {
  if (!actor.has('street_admin')) return false;
  const community = await getById(ctx, Collections.communities, communityId);
  return community !== null && actor.isStreetAdminOf(community.streetId);
}

function communityRoles(ctx: Ctx, communityId: string): Promise<RoleDoc[]> {
  return getAll<RoleDoc>(ctx.db.collection(Collections.roles).where({ communityId }));
}

/**
 * The resident roles of the buildings of the caller's grids (as 网格员 or 网格长) in the
 * community; null when the caller looks after no grid there.
 */
async function gridResidentRoles(ctx: Ctx, actor: Actor, communityId: string): Promise<{ roles: RoleDoc[] } | null> {
  const gridIds = actor.gridIds(communityId);
  if (gridIds.length === 0) return null;
  const _ = ctx.db.command;
  const buildings = await getAll<{ _id: string }>(
    ctx.db
      .collection(Collections.buildings)
      .where({ gridId: _.in(gridIds) })
      .field({ _id: true }),
  );
  if (buildings.length === 0) return { roles: [] };
  const roles = await getAll<RoleDoc>(
    ctx.db
      .collection(Collections.roles)
      .where({ communityId, kind: 'resident', buildingId: _.in(buildings.map((b) => b._id)) }),
  );
  return { roles };
}

/**
 * Resident roles in the buildings the caller leads, with `gridRoles` (the residents of the
 * caller's grids); FORBIDDEN for a caller who neither leads a building nor looks after a grid.
 */
async function ledResidentRoles(
  ctx: Ctx,
  actor: Actor,
  input: ListPeopleInput,
  gridRoles: RoleDoc[],
): Promise<RoleDoc[]> {
  const { buildingIds, estateIds } = actor.ledScopes(input.communityId);
  if (buildingIds.length === 0 && estateIds.length === 0) {
    if (actor.gridIds(input.communityId).length > 0) return gridRoles;
    throw forbidden('people.not-allowed', '只有本社区管理员、楼栋党小组长或网格员可以查看居民名单');
  }
  const _ = ctx.db.command;
  const led = await getAll<RoleDoc>(
    ctx.db
      .collection(Collections.roles)
      .where(
        _.and([
          { communityId: input.communityId, kind: 'resident' },
          _.or([{ buildingId: _.in(buildingIds) }, { estateId: _.in(estateIds) }]),
        ]),
      ),
  );
  const seen = new Set(led.map((r) => r._id));
  return [...led, ...gridRoles.filter((r) => !seen.has(r._id))];
}
