/**
 * account.findProxyResident — the 代办 entry's lookup (docs/adr/0040-proxy-acts.md): the
 * buildings the caller may act in, and by building and room the household with its residents
 * (offline records included) and each one's consents, newest first.
 * Invariants: only a 网格员 / 网格长 (their grid's buildings) or a 楼栋党小组长 (their building)
 * may look; a building outside that scope is FORBIDDEN `proxy.outside-scope`; read only.
 * Requests: the caller with the community's buildings and their estates 1 (one aggregation);
 * with a room: the household with its roles, consents, residents and their wishes 1 (one
 * aggregation), the photos (storage) — 2, whatever the community's size.
 */
import type { FindProxyResidentInput, ProxyLookup } from '../../../types/proxy';
import type { EstateDoc, ProxyConsentDoc, RoleDoc, UserDoc, WishDoc } from '../../../types/documents';
import { callerJoined } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { tempUrls } from '../../_shared/photos';
import { householdLabel } from '../../_shared/place-labels';
import { isProxyKind, mayProxyIn, outsideScope } from '../../_shared/proxy';
import type { BuildingDoc, HouseholdDoc } from '../../_shared/documents';
import { toConsent } from './proxy-consents';

export async function findProxyResident({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: FindProxyResidentInput;
}): Promise<ProxyLookup> {
  const $ = ctx.db.command.aggregate;
  const { actor, joined } = await callerJoined(ctx, (query) =>
    query.lookup({
      from: Collections.buildings,
      pipeline: $.pipeline()
        .match({ communityId: input.communityId })
        .limit(1000)
        .lookup({ from: Collections.estates, localField: 'estateId', foreignField: '_id', as: '_estate' })
        .done(),
      as: '_buildings',
    }),
  );
  actor.requireUser();
  if (!isProxyKind(actor, input.communityId)) throw outsideScope();
  const all = (joined?._buildings ?? []) as Array<BuildingDoc & { _estate?: EstateDoc[] }>;
  const estates = new Map<string, EstateDoc>();
  const mine = all
    .filter((b) => mayProxyIn(actor, b))
    .map(({ _estate, ...b }) => {
      if (_estate?.[0]) estates.set(_estate[0]._id, _estate[0]);
      return b as BuildingDoc;
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  const buildings = mine.map((b) => ({ id: b._id, name: b.name, estateName: estates.get(b.estateId)?.name ?? '' }));
  if (!input.buildingId || !input.room) return { buildings, household: null };
  const building = mine.find((b) => b._id === input.buildingId);
  if (!building) throw outsideScope();
  // The household with its roles (the resident ones kept), their people, the people's wishes
  // (the fulfilled ones kept) and the household's consents: one aggregation.
  const res = await ctx.db
    .collection(Collections.households)
    .aggregate()
    .match({ buildingId: building._id, room: input.room })
    .limit(1)
    .lookup({ from: Collections.roles, localField: '_id', foreignField: 'householdId', as: '_roles' })
    .lookup({ from: Collections.proxyConsents, localField: '_id', foreignField: 'householdId', as: '_consents' })
    .lookup({ from: Collections.users, localField: '_roles.userId', foreignField: '_id', as: '_users' })
    .lookup({ from: Collections.wishes, localField: '_roles.userId', foreignField: 'posterId', as: '_wishes' })
    .end();
  const row = (
    res.data as Array<
      HouseholdDoc & { _roles?: RoleDoc[]; _consents?: ProxyConsentDoc[]; _users?: UserDoc[]; _wishes?: WishDoc[] }
    >
  )[0];
  if (!row) return { buildings, household: null };
  const { _roles = [], _consents: consents = [], _users = [], _wishes = [], ...household } = row;
  const roles = _roles.filter((r) => r.kind === 'resident' && r.communityId === household.communityId);
  const ids = new Set(roles.map((r) => r.userId));
  const users = new Map(_users.map((u) => [u._id, u]));
  const fulfilled = _wishes.filter((w) => w.state === 'fulfilled' && ids.has(w.posterId));
  const photos = consents.map((c) => c.photoFileId).filter((id): id is string => Boolean(id));
  const urls = photos.length > 0 ? await tempUrls(photos) : new Map<string, string>();
  const estate = estates.get(building.estateId);
  const residents = roles
    .map((r) => users.get(r.userId))
    .filter((u): u is NonNullable<typeof u> => Boolean(u))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
    .map((u) => ({
      id: u._id,
      name: u.name,
      offline: u.offline === true,
      consents: consents
        .filter((c) => c.residentId === u._id)
        .sort((a, b) => new Date(b.grantedAt).getTime() - new Date(a.grantedAt).getTime())
        .map((c) => toConsent(c, urls, u)),
      toConfirm: fulfilled.filter((w) => w.posterId === u._id).map((w) => ({ id: w._id, title: w.title })),
    }));
  return {
    buildings,
    household: {
      id: household._id,
      label: estate ? householdLabel(estate, building, household) : household.room,
      residents,
    },
  };
}
