/**
 * wish.refuseProxyAct — an admin of the community refuses ONE 代办 act of this area already done,
 * named by its audit entry (docs/adr/0044-refusing-a-proxy-act.md; who may refuse, which act,
 * the refusal's entry and messages: _shared/proxy-refusal.ts).
 * Invariants:
 * - a wish a proxy posted (`audit-proxy.postWish:<wishId>`, the wish stamped `proxy`; else
 *   PRECONDITION_FAILED `proxy.act-gone`) is withdrawn through the table's `refuseProxy` move
 *   (submitted | published → withdrawn, by an admin): once claimed — someone took it up — the
 *   table has no such move and the refusal is PRECONDITION_FAILED `wish.illegal-move` (an admin
 *   may revoke the claim first, which brings it back to published). The move (state, revision,
 *   timeline entry with the reason), the refusal's entry and the messages to the resident and the
 *   proxy are ONE transaction: the wish is read in it and written only in the state and at the
 *   revision it was decided on (`applyMove` with the transaction), else nothing is written and the
 *   refusal says why as any move does (`wish.changed`, `wish.illegal-move`); a crash
 *   (`wish.refuseProxyAct.before-commit`) leaves all or none;
 * - a confirmation a proxy made (`audit-proxy.confirmWish:<wishId>`) is never undone here
 *   (PRECONDITION_FAILED `proxy.confirmation-final`): it credited the claimer for work done, and
 *   the wish is closed — see the ADR;
 * - a second refusal is CONFLICT `proxy.act-already-refused`, nothing written.
 * Requests: the caller with the entries and the wish (joined under the entry) 1, then start, the
 * wish's read, its write, the refusal's entry (owing the two messages), commit — 6.
 */
import { AppError } from '../../../types/errors';
import type { RefusedProxyAct } from '../../../types/proxy';
import { Collections } from '../../_shared/collections';

import {
  actGone,
  commitRefusal,
  loadRefusal,
  refusalWrites,
  targetIn,
  type RefuseArgs,
} from '../../_shared/proxy-refusal';
import { applyMove } from '../../_shared/state-machine';
import { whoOf } from './access';
import { planMove, refusalNow } from './move';
import { quoted, wishLink } from './notices';
import { decideMove } from './transitions';
import type { WishDoc } from './store';
import { wishMachine } from './wish-machine';

class Moved extends Error {}

export async function refuseProxyAct({ ctx, input }: RefuseArgs): Promise<RefusedProxyAct> {
  const refusal = await loadRefusal(ctx, input, 'wish', targetIn(Collections.wishes));
  const { entry, admin, actor } = refusal;
  if (refusal.act === 'confirm_wish') {
    throw new AppError(
      'PRECONDITION_FAILED',
      'proxy.confirmation-final',
      '代办的确认已完成并已给认领人记分，不能撤销；如有异议请与居民核实后调整积分',
    );
  }
  // The wish, as the caller's read joined it under the entry (its target).
  const wish = refusal.target as WishDoc | null;
  if (!wish?.proxy || wish._id !== entry.targetId) throw actGone();
  const by = { id: admin._id, name: admin.name };
  const row = decideMove(wish, 'refuseProxy', whoOf(actor, wish), admin._id);
  const planned = planMove(ctx, wish, row, { by, note: `撤销代办：${refusal.reason}` });
  const writes = refusalWrites(ctx, refusal, {
    what: `心愿${quoted(wish)}`,
    outcome: '该心愿已撤回，不再上墙',
    link: wishLink(wish._id),
    kind: 'wish',
  });
  try {
    await commitRefusal(ctx, writes, 'wish.refuseProxyAct.before-commit', async (tx) => {
      const moved = await applyMove(
        ctx.db,
        wishMachine,
        'refuseProxy',
        { id: wish._id, from: wish.state, to: row.to, where: { rev: wish.rev }, update: planned.update },
        tx,
      );
      if (!moved.applied) throw new Moved();
    });
  } catch (error) {
    if (error instanceof Moved) throw await refusalNow(ctx, wish, row, admin._id);
    throw error;
  }
  return writes.result;
}
