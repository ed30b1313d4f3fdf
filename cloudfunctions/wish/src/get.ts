/**
 * wish.get — one wish with its timeline, as the caller may see it.
 * Invariants: visible to people with a role in its community and to its poster and claimer
 * (FORBIDDEN otherwise); names, contact details and timeline names follow views.ts; `allowed`
 * lists exactly the table's moves from the current state that name the caller. Writes nothing, except messages
 * the wish still owes (delivered: _shared/outbox.ts).
 */
import type { WishDetail, WishIdInput } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { requireVisible } from './access';
import { mustFindWishInContext } from './store';
import { toDetail } from './views';

export async function get({ ctx, input }: { ctx: Ctx; input: WishIdInput }): Promise<WishDetail> {
  const actor = await loadActor(ctx);
  const { wish, estateName, posterPhone } = await mustFindWishInContext(ctx, input.wishId);
  requireVisible(actor, wish);
  return toDetail(ctx, actor, wish, { estateName, posterPhone });
}
