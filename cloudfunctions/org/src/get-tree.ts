/**
 * org.getTree — a community's estates with their buildings (and household counts), its three
 * councils and its work units.
 * Invariants: needs a WeChat identity, no profile (people read the tree to choose their room);
 * writes nothing; work units' contact phone (all but the last 4 characters) and liaison name
 * are masked unless the caller is an admin of this community; estates and buildings in
 * creation order, then by name.
 */
import type { GetOrgTreeInput, OrgTree } from '../../../types/org';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type {
  BuildingDoc,
  CommunityDoc,
  CouncilDoc,
  EstateDoc,
  StreetDoc,
  UserDoc,
  WorkUnitDoc,
} from '../../_shared/documents';
import { byName, findById, mustFind, readAll } from './store';
import { toBuilding, toCommunity, toEstate, toWorkUnit } from './views';

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

export async function getTree({ ctx, input }: { ctx: Ctx; input: GetOrgTreeInput }): Promise<OrgTree> {
  const actor = await loadActor(ctx);
  const community = await mustFind<CommunityDoc>(ctx, Collections.communities, input.communityId, {
    key: 'community',
    label: '社区',
  });
  const where = { communityId: community._id };
  const [street, estates, buildings, councils, workUnits, counts] = await Promise.all([
    findById<StreetDoc>(ctx, Collections.streets, community.streetId),
    readAll<EstateDoc>(ctx, Collections.estates, where),
    readAll<BuildingDoc>(ctx, Collections.buildings, where),
    readAll<CouncilDoc>(ctx, Collections.councils, where),
    readAll<WorkUnitDoc>(ctx, Collections.workUnits, where),
    householdCounts(ctx, community._id),
  ]);

  const liaisonIds = [...new Set(workUnits.map((w) => w.liaisonUserId).filter((id): id is string => !!id))];
  const liaisons =
    liaisonIds.length > 0 ? await readAll<UserDoc>(ctx, Collections.users, { _id: ctx.db.command.in(liaisonIds) }) : [];
  const nameOf = new Map(liaisons.map((u) => [u._id, u.name]));
  const full = actor.isAdminOf(community._id);

  return {
    community: toCommunity(community, street ?? undefined),
    estates: estates.sort(byCreation).map((e) => ({
      ...toEstate(e),
      buildings: buildings
        .filter((b) => b.estateId === e._id)
        .sort(byCreation)
        .map((b) => ({ ...toBuilding(b), householdCount: counts.get(b._id) ?? 0 })),
    })),
    councils: councils
      .sort((a, b) => councilOrder[a.kind] - councilOrder[b.kind])
      .map((c) => ({ id: c._id, communityId: c.communityId, kind: c.kind, name: c.name })),
    workUnits: workUnits
      .sort(byCreation)
      .map((w) => toWorkUnit(w, w.liaisonUserId ? (nameOf.get(w.liaisonUserId) ?? null) : null, full)),
  };
}
