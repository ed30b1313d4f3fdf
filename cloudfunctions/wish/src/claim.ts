/**
 * wish.claim — a Party member of the community, or a liaison for their work unit, claims a
 * published wish. Exactly one claimer wins.
 * Invariants: published → claimed by a claimant (a member; with `onBehalfOfWorkUnitId`, the
 * liaison of exactly that unit in the wish's community), never by the poster; the write is
 * conditional on the state and revision read, so of any number of simultaneous claims one
 * lands and the others get CONFLICT `wish.already-claimed`; the claim is numbered
 * (`claimSeq`) and the poster is told (`wish:<id>:claimed:<n>`);
 * - the poster's notice is owed in the claim's own write (move.ts, docs/adr/0031); a claim that
 *   died before telling (or whose reply was lost) is answered OK when its claimer retries — the wish already claimed by that
 *   caller, for the same work unit, and the caller still a claimant (a member, or that unit's
 *   liaison); one who lost the role is refused as anyone else — and the notice is sent then,
 *   under its key (once).
 */
import { AppError } from '../../../types/errors';
import type { ClaimWishInput, WishDetail } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import type { WorkUnitDoc } from '../../_shared/documents';
import { mover, requireVisible, whoOf } from './access';
import { applyMove } from './move';
import { posterOf, quoted, tell, type WishNotice } from './notices';
import { mustFindWishInContext, type WishDoc } from './store';
import { decideMove } from './transitions';
import { toDetail } from './views';
import { Collections } from '../../_shared/collections';

export async function claim({ ctx, input }: { ctx: Ctx; input: ClaimWishInput }): Promise<WishDetail> {
  const actor = await loadActor(ctx);
  const { wish, estateName, posterPhone } = await mustFindWishInContext(ctx, input.wishId);
  requireVisible(actor, wish);
  const unitId = input.onBehalfOfWorkUnitId;
  const who = whoOf(actor, wish, unitId ? { workUnitId: unitId } : 'member');
  if (
    who.has('claimant') &&
    wish.state === 'claimed' &&
    actor.user &&
    wish.claimerId === actor.user._id &&
    (wish.claimWorkUnitId ?? null) === (unitId ?? null)
  ) {
    // The caller's own claim, retried: finish what it may not have (the keyed notice).
    await tell(ctx, wish, claimedNotice(wish, mover(actor).name));
    return toDetail(ctx, actor, wish, { estateName, posterPhone });
  }
  const row = decideMove(wish, 'claim', who, actor.user?._id ?? null);
  const by = mover(actor);

  let unit: WorkUnitDoc | null = null;
  if (unitId) {
    const res = await ctx.db
      .collection(Collections.workUnits)
      .where({ _id: unitId, communityId: wish.communityId })
      .limit(1)
      .get();
    unit = ((res.data ?? []) as WorkUnitDoc[])[0] ?? null;
    if (!unit) throw new AppError('NOT_FOUND', 'wish.unit-not-found', '该报到单位不存在或不属于本社区');
  }
  const claimSeq = wish.claimSeq + 1;
  const moved = await applyMove(ctx, wish, row, {
    by,
    note: unit ? `代表${unit.name}认领` : null,
    set: {
      claimSeq,
      claimerId: by.id,
      claimerName: unit ? unit.name : by.name,
      claimerOpenid: actor.openid,
      claimWorkUnitId: unit?._id ?? null,
      claimedAt: ctx.now(),
    },
    tell: (moved) => [claimedNotice(moved, by.name)],
  });
  return toDetail(ctx, actor, moved, { estateName, posterPhone });
}

function claimedNotice(wish: WishDoc, byName: string): WishNotice {
  return {
    event: `claimed:${wish.claimSeq}`,
    to: posterOf(wish),
    title: '您的心愿已被认领',
    body: `${wish.claimerName ?? byName}认领了您的心愿${quoted(wish)}，将尽快与您联系。`,
  };
}
