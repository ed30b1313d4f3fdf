/**
 * org.getGrid — what a 网格员 looks after: the grid's buildings (with their estate and household
 * count), its households, its residents with their phones, the wishes of its households that
 * are not finished, and the topics in progress that concern its buildings.
 * Invariants: only the grid's 网格员 (grid_worker) and 网格长 (grid_leader), and admins of its
 * community (FORBIDDEN `org.not-grid-worker` for everyone else — a 网格员 of another grid too);
 * residents' phones are in full here because the caller looks after exactly these households
 * (docs/privacy.md: full phone inside the grid only — everywhere else a grid role sees them
 * masked); a topic concerns the grid when it is scoped to one of its buildings, or to the
 * estate of one of its buildings without a building; writes nothing.
 * Requests: the caller, the grid with its buildings, their estates, households, roles and those
 * roles' people (one aggregate), then the open wishes and the topics in progress (two `_.in`
 * reads, in parallel): four, whatever the grid's size.
 */
import { AppError } from '../../../types/errors';
import type { GetGridInput, GridDesk, GridResident } from '../../../types/org';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getAll, getByIdWith, iso } from '../../_shared/db-helpers';
import type { BuildingDoc, EstateDoc, GridDoc, HouseholdDoc, RoleDoc } from '../../_shared/documents';
import type { TopicDoc, UserDoc, WishDoc } from '../../../types/documents';
import { byName } from './store';
import { toBuilding, toGrid, toHousehold } from './views';

const OPEN_WISH_STATES: ReadonlyArray<WishDoc['state']> = ['submitted', 'published', 'claimed', 'fulfilled'];
const CLOSED_STEPS: ReadonlyArray<TopicDoc['step']> = ['archived', 'ended'];
const newestFirst = (a: { createdAt: Date }, b: { createdAt: Date }) =>
  new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime();

interface Loaded extends GridDoc {
  buildings: BuildingDoc[];
  estates: EstateDoc[];
  households: HouseholdDoc[];
  /** Every role scoped to one of the buildings (the resident ones are kept). */
  buildingRoles: RoleDoc[];
  people: UserDoc[];
}

export async function getGrid({ ctx, input }: { ctx: Ctx; input: GetGridInput }): Promise<GridDesk> {
  const actor = await loadActor(ctx);
  const row = await getByIdWith<Loaded>(ctx, Collections.grids, input.gridId, (one) =>
    one
      .lookup({ from: Collections.buildings, localField: '_id', foreignField: 'gridId', as: 'buildings' })
      .lookup({ from: Collections.estates, localField: 'buildings.estateId', foreignField: '_id', as: 'estates' })
      .lookup({
        from: Collections.households,
        localField: 'buildings._id',
        foreignField: 'buildingId',
        as: 'households',
      })
      .lookup({ from: Collections.roles, localField: 'buildings._id', foreignField: 'buildingId', as: 'buildingRoles' })
      .lookup({ from: Collections.users, localField: 'buildingRoles.userId', foreignField: '_id', as: 'people' }),
  );
  // Whether the grid exists is told only to those who may see it.
  const allowed =
    row !== null && (actor.isAdminOf(row.communityId) || actor.gridIds(row.communityId).includes(row._id));
  if (!allowed) {
    if (row === null && actor.roles.some((r) => r.kind === 'admin')) {
      throw new AppError('NOT_FOUND', 'org.grid-not-found', '网格不存在或已被删除');
    }
    throw new AppError('FORBIDDEN', 'org.not-grid-worker', '只有本网格的网格员、网格长和社区管理员可以查看');
  }
  const { buildings: gridBuildings, estates, households, buildingRoles, people, ...grid } = row;
  const estateName = new Map(estates.map((e) => [e._id, e.name]));
  const buildings = [...gridBuildings].sort(
    (a, b) => byName(estateName.get(a.estateId) ?? '', estateName.get(b.estateId) ?? '') || byName(a.name, b.name),
  );
  const buildingIds = buildings.map((b) => b._id);
  const estateIds = [...new Set(buildings.map((b) => b.estateId))];
  const _ = ctx.db.command;
  const none = Promise.resolve([]);
  const residentRoles = buildingRoles.filter((r) => r.kind === 'resident' && r.communityId === grid.communityId);
  const users = new Map(people.map((u) => [u._id, u]));
  const [wishes, topics] = await Promise.all([
    buildingIds.length === 0
      ? none
      : getAll<WishDoc>(
          ctx.db.collection(Collections.wishes).where({
            communityId: grid.communityId,
            state: _.in([...OPEN_WISH_STATES]),
            buildingId: _.in(buildingIds),
          }),
        ),
    estateIds.length === 0
      ? none
      : getAll<TopicDoc>(
          ctx.db
            .collection(Collections.topics)
            .where({ communityId: grid.communityId, step: _.nin([...CLOSED_STEPS]), estateId: _.in(estateIds) }),
        ),
  ]);

  const counts = new Map<string, number>();
  for (const h of households) counts.set(h.buildingId, (counts.get(h.buildingId) ?? 0) + 1);
  const inGrid = new Set(buildingIds);
  const residents: GridResident[] = residentRoles
    .filter((r) => r.householdId && users.has(r.userId))
    .map((r) => {
      const user = users.get(r.userId)!;
      return {
        userId: user._id,
        name: user.name,
        phone: user.phone ?? null,
        householdId: r.householdId!,
        householdLabel: r.scopeLabel,
      };
    })
    .sort((a, b) => byName(a.householdLabel, b.householdLabel) || byName(a.name, b.name));

  return {
    grid: toGrid(grid, buildings),
    buildings: buildings.map((b) => ({
      ...toBuilding(b),
      estateName: estateName.get(b.estateId) ?? '',
      householdCount: counts.get(b._id) ?? 0,
    })),
    households: households
      .sort((a, b) => buildingIds.indexOf(a.buildingId) - buildingIds.indexOf(b.buildingId) || byName(a.room, b.room))
      .map(toHousehold),
    residents,
    openWishes: wishes.sort(newestFirst).map((w) => ({
      id: w._id,
      title: w.title,
      state: w.state,
      posterName: w.posterName,
      householdLabel: w.householdLabel,
      createdAt: iso(w.createdAt),
    })),
    topics: topics
      .filter((t) => (t.buildingId ? inGrid.has(t.buildingId) : true))
      .sort((a, b) => new Date(b.updatedAt).getTime() - new Date(a.updatedAt).getTime())
      .map((t) => ({ id: t._id, title: t.title, step: t.step, scopeLabel: t.scopeLabel })),
  };
}
