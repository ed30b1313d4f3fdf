/**
 * account.listPeople — people with a role in a community, with their roles, by name.
 * Invariants: admins of the community see everyone with a role there, with all of their roles
 * in the community and phones in full; building and estate leaders see only the residents of
 * their buildings, with only those resident roles and phones masked (their own in full); a
 * 网格员 or 网格长 sees the residents of their grid's buildings, with only those resident roles
 * and phones in full (full phone inside the grid only, docs/privacy.md); a
 * street admin of the community's street sees everyone with a role there (to pick whom to make
 * a street viewer), phones masked; everyone else is FORBIDDEN. Writes nothing.
 * Paged in the database (docs/adr/0030, 0041-bounded-jobs): one aggregation groups the visible
 * roles by person, joins the person's name, filters (name part, role kind) and returns the page
 * after the keyset cursor in (name, _id) order — the database's order of the name's characters
 * (code points), no longer the zh-CN collation of a list sorted in memory; then one read of the
 * page's roles. Requests: the caller, (the community for a street admin, the grid's buildings
 * for a 网格员,) the page, its roles.
 */
import type { ListPeopleInput, PersonPage, PersonSummary } from '../../../types/account';
import { loadActor, type Actor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getAll, getById } from '../../_shared/db-helpers';
import type { RoleDoc } from '../../_shared/documents';
import { maskPhone } from '../../_shared/privacy';
import { afterCursor, keysOf, pageOf, sortStage, type PageOrder } from '../../_shared/paging';
import { forbidden } from './permissions';
import { sortRoles, toRole } from './to-role';

/** People in name order, then id (the cursor holds the last row's name and id). */
const BY_NAME: PageOrder = { by: 'name', dir: 'asc' };

export async function listPeople({ ctx, input }: { ctx: Ctx; input: ListPeopleInput }): Promise<PersonPage> {
  const actor = await loadActor(ctx);
  const admin = actor.isAdminOf(input.communityId);
  const street = !admin && (await streetAdminOf(ctx, actor, input.communityId));
  const gridBuildings = !admin && !street ? await gridBuildingIds(ctx, actor, input.communityId) : [];
  const where =
    admin || street ? { communityId: input.communityId } : ledResidentWhere(ctx, actor, input, gridBuildings);

  // One aggregation: the community's roles grouped by person, joined to the person's name,
  // filtered, and the page after the cursor in (name, _id) order.
  const _ = ctx.db.command;
  const $ = _.aggregate;
  let pipeline = ctx.db
    .collection(Collections.roles)
    .aggregate()
    .match(where)
    .group({ _id: '$userId', kinds: $.addToSet('$kind') });
  if (input.roleKind) pipeline = pipeline.match({ kinds: input.roleKind });
  pipeline = pipeline.lookup({ from: Collections.users, localField: '_id', foreignField: '_id', as: 'u' }).unwind('$u');
  pipeline = pipeline.project({ name: '$u.name', phone: '$u.phone' });
  const query = input.query?.trim();
  const after = afterCursor(ctx, input.cursor, BY_NAME);
  const filters = [
    ...(query ? [{ name: ctx.db.RegExp({ regexp: query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: '' }) }] : []),
    ...(after ? [after] : []),
  ];
  if (filters.length > 0) pipeline = pipeline.match(filters.length === 1 ? filters[0]! : _.and(filters));
  const res = await pipeline
    .sort(sortStage(BY_NAME))
    .limit(input.limit + 1)
    .end();
  const page = pageOf((res.data ?? []) as PersonRow[], input, keysOf(BY_NAME));

  // The roles of the page's people (as the caller may see them): one read.
  const ids = page.items.map((p) => p._id);
  const roles =
    ids.length === 0
      ? []
      : await getAll<RoleDoc>(ctx.db.collection(Collections.roles).where(_.and([where, { userId: _.in(ids) }])));
  const byUser = new Map<string, RoleDoc[]>();
  for (const role of roles) byUser.set(role.userId, [...(byUser.get(role.userId) ?? []), role]);
  /** People whose phone the caller sees in full: residents of their grid. */
  const inGrid = new Set(gridBuildings);
  const gridPeople = new Set(
    roles.filter((r) => r.buildingId !== null && inGrid.has(r.buildingId)).map((r) => r.userId),
  );
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

/** A person of the page: the user's id, name and phone. */
interface PersonRow {
  _id: string;
  name: string;
  phone?: string | null;
}

/** Whether the caller is a street admin of the community's street. */
async function streetAdminOf(ctx: Ctx, actor: Actor, communityId: string): Promise<boolean> {
  if (!actor.has('street_admin')) return false;
  const community = await getById(ctx, Collections.communities, communityId);
  return community !== null && actor.isStreetAdminOf(community.streetId);
}

/** The buildings of the caller's grids (as 网格员 or 网格长) in the community; none when they look after no grid. */
async function gridBuildingIds(ctx: Ctx, actor: Actor, communityId: string): Promise<string[]> {
  const gridIds = actor.gridIds(communityId);
  if (gridIds.length === 0) return [];
  const buildings = await getAll<{ _id: string }>(
    ctx.db
      .collection(Collections.buildings)
      .where({ gridId: ctx.db.command.in(gridIds) })
      .field({ _id: true }),
  );
  return buildings.map((b) => b._id);
}

/**
 * Resident roles in the buildings the caller leads or looks after as 网格员/网格长;
 * FORBIDDEN for a caller who neither leads a building nor looks after a grid.
 */
function ledResidentWhere(ctx: Ctx, actor: Actor, input: ListPeopleInput, gridBuildings: string[]): object {
  const { buildingIds, estateIds } = actor.ledScopes(input.communityId);
  if (buildingIds.length === 0 && estateIds.length === 0 && actor.gridIds(input.communityId).length === 0) {
    throw forbidden('people.not-allowed', '只有本社区管理员、楼栋党小组长或网格员可以查看居民名单');
  }
  const _ = ctx.db.command;
  return _.and([
    { communityId: input.communityId, kind: 'resident' },
    _.or([{ buildingId: _.in([...new Set([...buildingIds, ...gridBuildings])]) }, { estateId: _.in(estateIds) }]),
  ]);
}
