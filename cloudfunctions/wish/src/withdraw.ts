/**
 * wish.withdraw — the poster withdraws their wish before it is claimed.
 * Invariants: submitted | published → withdrawn by the poster only (the table), written
 * conditionally with its timeline entry, so a withdrawal racing a claim cannot both succeed.
 */
import type { WishDetail, WishIdInput } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { mover, requireVisible, whoOf } from './access';
import { applyMove } from './move';
import { mustFindWishInContext } from './store';
import { decideMove } from './transitions';
import { toDetail } from './views';

export async function withdraw({ ctx, input }: { ctx: Ctx; input: WishIdInput }): Promise<WishDetail> {
  const actor = await loadActor(ctx);
  const { wish, estateName, posterPhone } = await mustFindWishInContext(ctx, input.wishId);
  requireVisible(actor, wish);
  const row = decideMove(wish, 'withdraw', whoOf(actor, wish), actor.user?._id ?? null);
  const moved = await applyMove(ctx, wish, row, { by: mover(actor), note: null });
  return toDetail(ctx, actor, moved, { estateName, posterPhone });
}
