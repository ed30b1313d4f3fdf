/**
 * Stored wishes → what clients see (WishCard, WishDetail), built field by field so no stored
 * field leaks by accident. Invariants:
 * - a card (wall, mine, review queue) carries the poster's masked name and the estate's name
 *   only — never the room, the household id, the phone or a full name;
 * - a detail names the poster in full only for the poster, the claimer while the claim stands,
 *   reviewers of its building, admins and the 网格员/网格长 of its building's grid; contact
 *   details (household label and phone) go in full only to the poster, admins of the community,
 *   the claimer while the wish is claimed/fulfilled and the 网格员/网格长 of the wish's
 *   building's grid (docs/privacy.md: full phone only inside the grid); a 网格员/网格长 of
 *   another grid of the community gets them masked (the estate's name only, the phone masked);
 *   everyone else gets none;
 * - timeline names are in full only for the poster, admins and the claimer while the claim
 *   stands (like the poster's name);
 * - text held for manual review reaches only its author and the wish's reviewers (./holds.ts);
 *   everyone else reads the placeholder, on cards and in the detail (timeline notes included);
 * - one response resolves its photos with one batched getTempFileURL call and its estate
 *   names with at most one `_.in` query, however many wishes it holds; a detail built from
 *   `findWishInContext` (the estate's name and the poster's phone already joined) reads nothing.
 */
import type { Photo, WishCard, WishDetail } from '../../../types/wish';
import type { Actor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { iso } from '../../_shared/db-helpers';
import type { BuildingDoc, EstateDoc, UserDoc } from '../../_shared/documents';
import { maskName, maskPhone } from '../../_shared/privacy';
import { heldFieldsOf, heldReader, type TextHold } from '../../_shared/moderation';
import { isClaimer, isPoster, whoOf } from './access';
import { mayReadHold } from './holds';
import { tempUrls, toPhotos } from './photos';
import { type WishContext, type WishDoc } from './store';
import { allowedMoves } from './transitions';
import { Collections } from '../../_shared/collections';

/** Estate id → name, in one query. */
export async function estateNames(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, string>();
  if (unique.length === 0) return out;
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(Collections.estates)
    .where({ _id: _.in(unique) })
    .field({ _id: true, name: true })
    .limit(unique.length)
    .get();
  for (const e of (res.data ?? []) as Array<Pick<EstateDoc, '_id' | 'name'>>) out.set(e._id, e.name);
  return out;
}

/** A claimer as others see them: a unit by its name, a person by their masked name. */
function publicClaimerName(doc: WishDoc): string | null {
  if (!doc.claimerName) return null;
  return doc.claimWorkUnitId ? doc.claimerName : maskName(doc.claimerName);
}

function toCard(
  doc: WishDoc,
  estateName: string,
  urls: ReadonlyMap<string, string>,
  mayRead: (doc: WishDoc, hold: TextHold) => boolean,
): WishCard {
  const read = heldReader(doc, (hold) => mayRead(doc, hold));
  return {
    id: doc._id,
    communityId: doc.communityId,
    category: doc.category,
    title: read(doc.title),
    content: read(doc.content),
    photos: toPhotos(doc.photos, urls),
    wantedBy: doc.wantedBy,
    state: doc.state,
    posterName: maskName(doc.posterName),
    estateName,
    claimerName: publicClaimerName(doc),
    createdAt: iso(doc.createdAt),
    held: doc.held === true,
    proxyName: doc.proxy?.actorName ?? null,
  };
}

/**
 * Cards for a page of wishes: one getTempFileURL batch and at most one estate lookup. Held
 * text is shown only where `mayRead` allows (default: nowhere — the placeholder instead).
 */
export async function toCards(
  ctx: Ctx,
  docs: readonly WishDoc[],
  mayRead: (doc: WishDoc, hold: TextHold) => boolean = () => false,
): Promise<WishCard[]> {
  if (docs.length === 0) return [];
  const [urls, estates] = await Promise.all([
    tempUrls(docs.flatMap((d) => d.photos)),
    estateNames(
      ctx,
      docs.map((d) => d.estateId),
    ),
  ]);
  return docs.map((d) => toCard(d, estates.get(d.estateId) ?? '', urls, mayRead));
}

/** Whether the claim stands (the claimer still has work to do or to be confirmed). */
export function claimStands(doc: Pick<WishDoc, 'state'>): boolean {
  return doc.state === 'claimed' || doc.state === 'fulfilled';
}

/** Whether the caller may see the poster's room and phone in full. */
export function mayContact(actor: Actor, doc: WishDoc, buildingGridId: string | null = null): boolean {
  return (
    isPoster(actor, doc) ||
    actor.isAdminOf(doc.communityId) ||
    (isClaimer(actor, doc) && claimStands(doc)) ||
    actor.worksGridOf({ communityId: doc.communityId, gridId: buildingGridId })
  );
}

/** Whether the caller holds a 网格员/网格长 role in the wish's community (of any grid). */
function worksAGrid(actor: Actor, doc: WishDoc): boolean {
  return actor.gridIds(doc.communityId).length > 0;
}

/**
 * The detail as this caller may see it. `known` may carry the photo URLs the verb already has
 * (e.g. from checking new photos) and the wish's context (estate name, poster's phone — from
 * `findWishInContext`), to spare requests: with both, building the detail reads nothing.
 */
export async function toDetail(
  ctx: Ctx,
  actor: Actor,
  doc: WishDoc,
  known: { urls?: ReadonlyMap<string, string> } & Partial<WishContext> = {},
): Promise<WishDetail> {
  const who = whoOf(actor, doc);
  const poster = who.has('poster');
  const admin = who.has('admin');
  const claimer = who.has('claimer');
  // The building's grid matters only to a caller with a grid role (read when the verb has not).
  const gridRole = worksAGrid(actor, doc);
  const gridId =
    !gridRole || known.buildingGridId !== undefined
      ? (known.buildingGridId ?? null)
      : await readBuildingGrid(ctx, doc.buildingId);
  const contact = mayContact(actor, doc, gridId);
  const inGrid = actor.worksGridOf({ communityId: doc.communityId, gridId });
  const maskedContact = !contact && gridRole;
  const fullPoster = poster || admin || who.has('reviewer') || (claimer && claimStands(doc)) || inGrid;
  const fullClaimer = poster || admin || claimer || who.has('reviewer');
  const fullTimeline = poster || admin || (claimer && claimStands(doc));

  const photoIds = [...doc.photos, ...(doc.fulfilment?.photos ?? [])];
  const missing = photoIds.filter((id) => !known.urls?.has(id));
  const [fetched, estateName, posterPhone] = await Promise.all([
    missing.length > 0 ? tempUrls(missing) : Promise.resolve(new Map<string, string>()),
    known.estateName ?? estateNames(ctx, [doc.estateId]).then((m) => m.get(doc.estateId) ?? ''),
    !contact && !maskedContact
      ? null
      : known.posterPhone !== undefined
        ? known.posterPhone
        : readUser(ctx, doc.posterId).then((u) => u?.phone ?? null),
  ]);
  const urls = new Map([...(known.urls ?? new Map<string, string>()), ...fetched]);
  const photos = (ids: readonly string[]): Photo[] => toPhotos(ids, urls);
  const mayRead = (hold: TextHold) => mayReadHold(actor, doc, hold);
  const read = heldReader(doc, mayRead);

  return {
    // The card, with the names in full where this caller may see them.
    ...toCard(doc, estateName, urls, (d, hold) => mayReadHold(actor, d, hold)),
    posterName: fullPoster ? doc.posterName : maskName(doc.posterName),
    claimerName: doc.claimerName && fullClaimer ? doc.claimerName : publicClaimerName(doc),
    contact: contact
      ? { householdLabel: doc.householdLabel, phone: posterPhone }
      : maskedContact
        ? { householdLabel: estateName, phone: maskPhone(posterPhone) }
        : null,
    claimedAt: doc.claimedAt ? iso(doc.claimedAt) : null,
    fulfilment: doc.fulfilment
      ? { note: read(doc.fulfilment.note), photos: photos(doc.fulfilment.photos), at: iso(doc.fulfilment.at) }
      : null,
    confirmation: doc.confirmation
      ? {
          rating: doc.confirmation.rating,
          thanks: read(doc.confirmation.thanks),
          at: iso(doc.confirmation.at),
          proxyName: doc.confirmation.proxy?.actorName ?? null,
        }
      : null,
    proxyName: doc.proxy?.actorName ?? null,
    rejectReason: read(doc.rejectReason),
    timeline: doc.timeline.map((t) => ({
      at: iso(t.at),
      from: t.from,
      to: t.to,
      byName: t.byId === null || fullTimeline ? t.byName : maskName(t.byName),
      note: read(t.note),
    })),
    allowed: allowedMoves(doc.state, who),
    heldFields: heldFieldsOf({ holds: (doc.holds ?? []).filter(mayRead) }),
  };
}

async function readBuildingGrid(ctx: Ctx, buildingId: string): Promise<string | null> {
  const res = await ctx.db.collection(Collections.buildings).where({ _id: buildingId }).limit(1).get();
  return ((res.data ?? []) as BuildingDoc[])[0]?.gridId ?? null;
}

async function readUser(ctx: Ctx, userId: string): Promise<UserDoc | null> {
  const res = await ctx.db.collection(Collections.users).where({ _id: userId }).limit(1).get();
  return ((res.data ?? []) as UserDoc[])[0] ?? null;
}
