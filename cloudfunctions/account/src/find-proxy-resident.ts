/**
 * account.findProxyResident — the 代办 entry's lookup (docs/adr/0040-proxy-acts.md): the
 * buildings the caller may act in, and by building and room the household with its residents
 * (offline records included) and each one's consents, newest first.
 * Invariants: only a 网格员 / 网格长 (their grid's buildings) or a 楼栋党小组长 (their building)
 * may look; a building outside that scope is FORBIDDEN `proxy.outside-scope`; read only.
 * Requests: the caller 1, the community's buildings 1, their estates 1; with a room: the
 * household 1, its resident roles 1, the consents 1, the residents and their fulfilled wishes 2,
 * the photos (storage).
 */
import type { FindProxyResidentInput, ProxyLookup } from '../../../types/proxy';
import type { ProxyConsentDoc, RoleDoc, WishDoc } from '../../../types/documents';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getAll, getByIds } from '../../_shared/db-helpers';
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
  const actor = await loadActor(ctx);
  actor.requireUser();
  if (!isProxyKind(actor, input.communityId)) throw outsideScope();
  const all = await getAll<BuildingDoc>(
    ctx.db.collection(Collections.buildings).where({ communityId: input.communityId }).limit(1000),
  );
  const mine = all.filter((b) => mayProxyIn(actor, b)).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  const estates = await getByIds(
    ctx,
    Collections.estates,
    mine.map((b) => b.estateId),
  );
  const buildings = mine.map((b) => ({ id: b._id, name: b.name, estateName: estates.get(b.estateId)?.name ?? '' }));
  if (!input.buildingId || !input.room) return { buildings, household: null };
  const building = mine.find((b) => b._id === input.buildingId);
  if (!building) throw outsideScope();
  const [household] = await getAll<HouseholdDoc>(
    ctx.db.collection(Collections.households).where({ buildingId: building._id, room: input.room }).limit(1),
  );
  if (!household) return { buildings, household: null };
  const [roles, consents] = await Promise.all([
    getAll<RoleDoc>(
      ctx.db
        .collection(Collections.roles)
        .where({ communityId: household.communityId, kind: 'resident', householdId: household._id })
        .limit(100),
    ),
    getAll<ProxyConsentDoc>(
      ctx.db.collection(Collections.proxyConsents).where({ householdId: household._id }).limit(200),
    ),
  ]);
  const ids = roles.map((r) => r.userId);
  const _ = ctx.db.command;
  const [users, fulfilled] = await Promise.all([
    getByIds(ctx, Collections.users, ids),
    ids.length === 0
      ? Promise.resolve([])
      : getAll<Pick<WishDoc, '_id' | 'title' | 'posterId' | 'state' | 'held'>>(
          ctx.db
            .collection(Collections.wishes)
            .where({ posterId: _.in(ids), state: 'fulfilled' })
            .field({ _id: true, title: true, posterId: true, state: true, held: true })
            .limit(100),
        ),
  ]);
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
