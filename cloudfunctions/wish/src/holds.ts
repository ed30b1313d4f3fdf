/**
 * Wish texts held for manual review (see _shared/moderation.ts). Invariants: a text a move adds
 * is held at its field and at the timeline note that repeats it (`timeline.<n>.note`, n = the
 * index the move's entry takes — the move is conditional on the revision, so n is exact);
 * held text is readable by its author and the wish's reviewers (its building's leaders, the
 * community's admins) only; a wish with its title or description held is not published.
 */
import { AppError } from '../../../types/errors';
import type { Actor } from '../../_shared/actor';
import type { TextHold } from '../../_shared/moderation';
import { leadsWishBuilding } from './access';
import type { WishDoc } from './store';

/** The path of the note the next move's timeline entry carries. */
export const nextNote = (wish: Pick<WishDoc, 'timeline'>) => `timeline.${wish.timeline.length}.note`;

/** A reviewer of the wish's held texts: a leader of its building/estate or an admin of its community. */
export function reviewsHolds(actor: Actor, wish: Pick<WishDoc, 'communityId' | 'buildingId' | 'estateId'>): boolean {
  return actor.user !== null && (actor.isAdminOf(wish.communityId) || leadsWishBuilding(actor, wish));
}

/** Whether this viewer may read this held text. */
export function mayReadHold(actor: Actor, wish: WishDoc, hold: TextHold): boolean {
  return (actor.user !== null && hold.authorId === actor.user._id) || reviewsHolds(actor, wish);
}

/** The fields whose hold keeps a wish off the wall. */
const PUBLIC_FIELDS = new Set(['title', 'content']);

export function requireNothingHeldPublic(wish: WishDoc): void {
  if ((wish.holds ?? []).some((h) => PUBLIC_FIELDS.has(h.field))) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'wish.text-held',
      '该心愿的标题或描述正在等待人工审核，审核通过后才能发布',
    );
  }
}
