/**
 * org.getTree — a community's estates with their buildings (and household counts, and each
 * building's grid), its 网格 (grids, in creation order, with their buildings), its three councils and its
 * work units.
 * Invariants: needs a WeChat identity, no profile (people read the tree to choose their room);
 * writes nothing; work units' contact phone (all but the last 4 characters) and liaison name
 * are masked unless the caller is an admin of this community; estates and buildings in
 * creation order, then by name.
 * Requests: the caller, the community with its street, estates, buildings, grids, councils, work units
 * and liaisons (one aggregate), and the household counts per building (one aggregate): three,
 * whatever the community's size.
 */
import { AppError } from '../../../types/errors';
import type { GetOrgTreeInput, OrgTree } from '../../../types/org';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type {
  BuildingDoc,
  CommunityDoc,
  CouncilDoc,
  EstateDoc,
  GridDoc,
  StreetDoc,
  UserDoc,
  WorkUnitDoc,
} from '../../_shared/documents';
import { byName } from './store';
import { toBuilding, toCommunity, toEstate, toGrid, toWorkUnit } from './views';
import { getByIdWith } from '../../_shared/db-helpers';

const councilOrder = { owners: 0, deliberation: 1, supervisory: 2 } as const;

function byCreation<T extends { createdAt?: Date; name: string }>(a: T, b: T): number {
  const t = (a.createdAt ? new Date(a.createdAt).getTime() : 0) - (b.createdAt ? new Date(b.createdAt).getTime() : 0);
  return t !== 0 ? t : byName(a.name, b.name);
}

async function householdCounts(ctx: Ctx, communityId: string): Promise<Map<string, number>> {
  const $ = ctx.db.command.aggregate;
  const res = await ctx.db
    .collection(Collections.households)
    .aggregate()
    .match({ communityId })
    .group({ _id: '$buildingId', count: $.sum(1) })
    .limit(10000)
    .end();
  const groups = ((res as { data?: unknown }).data ?? []) as Array<{ _id: string; count: number }>;
  return new Map(groups.map((g) => [g._id, g.count]));
}

/** The community with everything the tree shows joined: one request, whatever their number. */
interface Loaded extends CommunityDoc {
  street: StreetDoc[];
  estates: EstateDoc[];
  buildings: BuildingDoc[];
  grids: GridDoc[];
  councils: CouncilDoc[];
  workUnits: WorkUnitDoc[];
  /** The work units' liaisons (id and name only). */
  liaisons: Array<Pick<UserDoc, '_id' | 'name'>>;
}

async function loadCommunity(ctx: Ctx, communityId: string): Promise<Loaded> {
  const $ = ctx.db.command.aggregate;
  const community = await getByIdWith<Loaded>(ctx, Collections.communities, communityId, (one) =>
    one
      .lookup({ from: Collections.streets, localField: 'streetId', foreignField: '_id', as: 'street' })
      .lookup({ from: Collections.estates, localField: '_id', foreignField: 'communityId', as: 'estates' })
      .lookup({ from: Collections.buildings, localField: '_id', foreignField: 'communityId', as: 'buildings' })
      .lookup({ from: Collections.grids, localField: '_id', foreignField: 'communityId', as: 'grids' })
      .lookup({ from: Collections.councils, localField: '_id', foreignField: 'communityId', as: 'councils' })
      .lookup({ from: Collections.workUnits, localField: '_id', foreignField: 'communityId', as: 'workUnits' })
      .lookup({ from: Collections.users, localField: 'workUnits.liaisonUserId', foreignField: '_id', as: 'liaisons' })
      .addFields({ liaisons: $.map({ input: '$liaisons', as: 'u', in: { _id: '$$u._id', name: '$$u.name' } }) }),
  );
  if (!community) throw new AppError('NOT_FOUND', 'org.community-not-found', '社区不存在或已被删除');
  return community;
}

export async function getTree({ ctx, input }: { ctx: Ctx; input: GetOrgTreeInput }): Promise<OrgTree> {
  const actor = await loadActor(ctx);
  const [loaded, counts] = await Promise.all([
    loadCommunity(ctx, input.communityId),
    householdCounts(ctx, input.communityId),
  ]);
  const { street, estates, buildings, grids, councils, workUnits, liaisons, ...community } = loaded;
  const nameOf = new Map(liaisons.map((u) => [u._id, u.name]));
  const full = actor.isAdminOf(community._id);

  const sortedEstates = estates.sort(byCreation);
  const estateOrder = new Map(sortedEstates.map((e, i) => [e._id, i]));
  const treeOrder = [...buildings].sort(
    (a, b) => (estateOrder.get(a.estateId) ?? 0) - (estateOrder.get(b.estateId) ?? 0) || byCreation(a, b),
  );
  return {
    community: toCommunity(community, street[0]),
    estates: sortedEstates.map((e) => ({
      ...toEstate(e),
      buildings: buildings
        .filter((b) => b.estateId === e._id)
        .sort(byCreation)
        .map((b) => ({ ...toBuilding(b), householdCount: counts.get(b._id) ?? 0 })),
    })),
    grids: grids
      .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || (a._id < b._id ? -1 : 1))
      .map((g) => toGrid(g, treeOrder)),
    councils: councils
      .sort((a, b) => councilOrder[a.kind] - councilOrder[b.kind])
      .map((c) => ({ id: c._id, communityId: c.communityId, kind: c.kind, name: c.name })),
    workUnits: workUnits
      .sort(byCreation)
      .map((w) => toWorkUnit(w, w.liaisonUserId ? (nameOf.get(w.liaisonUserId) ?? null) : null, full)),
  };
}
