/**
 * Telling many people at once, in a fixed number of requests whatever their number: who holds a
 * role in a scope is one roles query, and their messages are one insert (docs/notifications.md).
 * Invariants: every message keeps its caller-made key, so a retried action tells nobody twice —
 * should one of the keys exist already, the insert is refused as a whole and the messages are then
 * added one by one, each duplicate skipped (a single message refused so is simply told already); they are in-app messages only (no send path, so a
 * function that tells only through these needs no `subscribeMessage.send` permission); nobody is told twice within one call (the
 * people are distinct); the caller is never told about their own act.
 */
import { Collections } from './collections';
import type { Ctx } from './context';
import { isDuplicateWrite } from './db-helpers';
import type { RoleDoc } from './documents';
import { messageOf, type InAppNotice } from './notify';

export type { InAppNotice };

/** More people than hold a role in any one estate or community (CloudBase answers 1000 rows at most). */
const PEOPLE_MAX = 1000;

/** Where an act happened: its community, estate and (when it has one) building. */
export interface Place {
  communityId: string;
  estateId: string;
  buildingId: string | null;
}

function distinctUsers(rows: Array<Pick<RoleDoc, 'userId'>>, except: string | null): string[] {
  return [...new Set(rows.map((r) => r.userId))].filter((id) => id !== except).sort();
}

/**
 * Who reviews what is posted in `place`: the community's admins, the leaders of its building
 * (for a place with one) and the leaders of its estate, except `except`. One request: the
 * community's staff roles (a few), picked here.
 */
export async function reviewersOf(ctx: Ctx, place: Place, except: string | null): Promise<string[]> {
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(Collections.roles)
    .where({ communityId: place.communityId, kind: _.in(['admin', 'estate_leader', 'building_leader']) })
    .limit(PEOPLE_MAX)
    .get();
  const reviewers = (res.data as RoleDoc[]).filter(
    (r) =>
      r.kind === 'admin' ||
      (r.kind === 'estate_leader' && r.estateId === place.estateId) ||
      (r.kind === 'building_leader' && place.buildingId !== null && r.buildingId === place.buildingId),
  );
  return distinctUsers(reviewers, except);
}

/**
 * The residents of `place`: everyone bound to a household of its building, or of its estate for a
 * place without a building, except `except`. One request.
 */
export async function residentsOf(ctx: Ctx, place: Place, except: string | null): Promise<string[]> {
  const where: Record<string, unknown> = { kind: 'resident', communityId: place.communityId };
  if (place.buildingId) where.buildingId = place.buildingId;
  else where.estateId = place.estateId;
  const res = await ctx.db.collection(Collections.roles).where(where).limit(PEOPLE_MAX).get();
  return distinctUsers(res.data as RoleDoc[], except);
}

/** Adds every notice's message in one insert (one by one, duplicates skipped, when a key exists already). */
export async function tellMany(ctx: Ctx, notices: readonly InAppNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const messages = ctx.db.collection(Collections.messages);
  try {
    await messages.add(notices.map((n) => messageOf(ctx, n)));
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    // One message whose key exists: it was told already (a racing delivery); nothing to add.
    if (notices.length === 1) return;
    for (const n of notices) {
      try {
        await messages.add(messageOf(ctx, n));
      } catch (again) {
        if (!isDuplicateWrite(again)) throw again;
      }
    }
  }
}
