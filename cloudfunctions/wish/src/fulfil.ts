/**
 * wish.fulfil — the claimer marks the wish fulfilled with a note and photos.
 * Invariants: claimed → fulfilled by the claimer only (the table), conditional write with the
 * timeline entry; the note passes the content check and the photos are this environment's
 * existing files, before anything is written; the poster is told (`wish:<id>:fulfilled`).
 */
import type { FulfilWishInput, WishDetail } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import { moderate } from '../../_shared/moderation';
import { nextNote } from './holds';
import type { Ctx } from '../../_shared/context';
import { mover, requireVisible, whoOf } from './access';
import { applyMove } from './move';
import { checkPhotos } from './photos';
import { posterOf, quoted } from './notices';
import { mustFindWishInContext } from './store';
import { decideMove } from './transitions';
import { toDetail } from './views';

export async function fulfil({ ctx, input }: { ctx: Ctx; input: FulfilWishInput }): Promise<WishDetail> {
  const actor = await loadActor(ctx);
  const { wish, estateName, posterPhone } = await mustFindWishInContext(ctx, input.wishId);
  requireVisible(actor, wish);
  const row = decideMove(wish, 'fulfil', whoOf(actor, wish), actor.user?._id ?? null);
  const by = mover(actor);
  const holds = await moderate(ctx, by, {
    note: { text: input.note, label: '完成说明', paths: ['fulfilment.note', nextNote(wish)] },
  });
  const urls = await checkPhotos('photos', input.photos);
  const moved = await applyMove(ctx, wish, row, {
    by,
    note: input.note,
    set: { fulfilment: { note: input.note, photos: input.photos, at: ctx.now() } },
    holds,
    tell: (moved) => [
      {
        event: 'fulfilled',
        to: posterOf(moved),
        title: '您的心愿已完成',
        body: `${moved.claimerName ?? by.name}已完成您的心愿${quoted(moved)}，请确认并评价。`,
      },
    ],
  });
  return toDetail(ctx, actor, moved, { urls, estateName, posterPhone });
}
