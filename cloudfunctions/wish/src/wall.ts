/**
 * wish.wall — the community's public wall: published wishes, newest first, by category and
 * estate, paginated.
 * Invariants: only people with a role in the community see it (FORBIDDEN otherwise); cards
 * carry masked names and the estate only (views.ts); a page costs a FIXED number of requests
 * whatever the data size — the caller (2 reads), one indexed query on (communityId, state |
 * category, createdAt), at most one `_.in` lookup of estate names, one batched
 * getTempFileURL. Writes nothing.
 */
import type { WallInput, WishPage } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { requireCommunityRole } from './access';
import { newestFirstPage } from '../../_shared/paging';
import { toCards } from './views';
import { Collections } from '../../_shared/collections';

export async function wall({ ctx, input }: { ctx: Ctx; input: WallInput }): Promise<WishPage> {
  const actor = await loadActor(ctx);
  requireCommunityRole(actor, input.communityId);
  const where: Record<string, unknown> = { communityId: input.communityId, state: 'published' };
  if (input.category) where.category = input.category;
  if (input.estateId) where.estateId = input.estateId;
  const page = await newestFirstPage(ctx, Collections.wishes, where, input);
  return { items: await toCards(ctx, page.items), nextCursor: page.nextCursor };
}
