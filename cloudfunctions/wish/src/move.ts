/**
 * Making a move: one conditional update per move. Invariants:
 * - the write matches the wish only in the state (and at the revision) the move was decided
 *   on — `where({ _id, state: from, rev })`, by `applyMove` of _shared/state-machine.ts — and
 *   counts `updated === 1`; otherwise nothing
 *   was written and the wish is read again to say why (someone else's claim → CONFLICT
 *   `wish.already-claimed`, another state → `wish.illegal-move`, the same state at a newer
 *   revision — it moved away and back — → PRECONDITION_FAILED `wish.changed`);
 * - the timeline entry is appended (`_.push`) in that same update, so a state never changes
 *   without its entry, and an entry never exists without its state change;
 * - `moveInTransaction` writes a planned move inside a caller's transaction WITHOUT reading the
 *   wish again (CloudBase transactions offer no conditional write, and a read costs a request):
 *   only for a move whose uniqueness the same transaction guarantees by adding a document under
 *   the move's own key (wish.confirm adds its `wish:<id>:confirmed` message — a second
 *   confirmation aborts there), from a state that no other move leaves (checked when the module
 *   loads), so that what the move earns commits with it (docs/adr/0015);
 * - the notices of a move (`tell`) are owed in the move's own write (`outbox.m<rev>-<i>`,
 *   _shared/outbox.ts, docs/adr/0031) and told right after it (in-app and subscription); a move
 *   that dies before telling leaves them on the wish, and the next request reading it (store.ts)
 *   tells them in-app; a text the move holds for manual review tells its author so the same way
 *   (one request more, only then).
 */
import { AppError } from '../../../types/errors';
import type { Ctx } from '../../_shared/context';
import type { Transaction } from '../../_shared/database';
import { heldNotice, holdsForUpdate, withHolds, type Holdable, type TextHold } from '../../_shared/moderation';
import { type TimelineDoc, type WishDoc } from './store';
import type { WishState } from '../../../types/wish';
import { applyMove as writeMove, singleExitStates as exitsOnce } from '../../_shared/state-machine';
import { stateRefusal, type Transition } from './transitions';
import { wishMachine } from './wish-machine';
import { Collections } from '../../_shared/collections';
import { getById } from '../../_shared/db-helpers';
import { crashPoint } from '../../_shared/crash-points';
import { notify, type Notification } from '../../_shared/notify';
import { batchOf, owedToInUpdate } from '../../_shared/outbox';
import { noticeOf, wishLink, type WishNotice } from './notices';

export interface MoveArgs {
  /** Who moves: a person, or `{ id: null, name: '系统' }` for the scheduler. */
  by: { id: string | null; name: string };
  note: string | null;
  /** Fields that change with the state. */
  set?: Partial<Omit<WishDoc, '_id' | 'state' | 'rev' | 'timeline' | 'updatedAt' | keyof Holdable>>;
  /** Texts of this move held for manual review (see _shared/moderation.ts), added in the same write. */
  holds?: readonly TextHold[];
  /** Who is told about the move (from the wish after it): owed in the move's write, told after it. */
  tell?: (moved: WishDoc) => WishNotice[];
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

/** The update that makes the move (state, revision, timeline entry, `set`), and the wish after it. */
function moveUpdate(
  ctx: Ctx,
  wish: WishDoc,
  row: Transition,
  args: MoveArgs,
): { update: Record<string, unknown>; moved: WishDoc } {
  const _ = ctx.db.command;
  const now = ctx.now();
  const entry: TimelineDoc = {
    at: now,
    from: row.from,
    to: row.to,
    via: row.via,
    byId: args.by.id,
    byName: args.by.name,
    note: args.note,
  };
  const set = args.set ?? {};
  const update: Record<string, unknown> = {};
  // Objects and arrays are replaced whole (the SDK would otherwise merge them field by field).
  for (const [key, value] of Object.entries(set)) update[key] = isObject(value) ? _.set(value) : value;
  Object.assign(update, {
    state: row.to,
    rev: wish.rev + 1,
    updatedAt: now,
    timeline: _.push({ each: [entry] }),
    ...holdsForUpdate(ctx, args.holds ?? []),
  });
  const moved = withHolds(
    {
      ...wish,
      ...set,
      state: row.to,
      rev: wish.rev + 1,
      updatedAt: now,
      timeline: [...wish.timeline, entry],
    },
    args.holds ?? [],
  );
  return { update, moved };
}

/** Why a move decided on `wish` cannot be made on `current` (as stored now). */
function moveRefusal(current: WishDoc | null, row: Transition, by: string | null): AppError {
  if (!current) return new AppError('NOT_FOUND', 'wish.not-found', '该心愿不存在或已被删除');
  if (current.state !== row.from) return stateRefusal(current, row.via, by);
  return new AppError('PRECONDITION_FAILED', 'wish.changed', '心愿刚刚发生了变化，请刷新后重试');
}

/** Writes the move; returns the wish as it now is. */
export async function applyMove(ctx: Ctx, wish: WishDoc, row: Transition, args: MoveArgs): Promise<WishDoc> {
  if (row.from !== wish.state) throw stateRefusal(wish, row.via, args.by.id);
  const { update, moved } = moveUpdate(ctx, wish, row, args);
  const _ = ctx.db.command;
  const notices: Array<{ batch: string; n: Notification }> = (args.tell?.(moved) ?? []).map((n, i) => ({
    batch: `m${moved.rev}-${i}`,
    n: noticeOf(ctx, moved, n),
  }));
  // The author of a text this move holds is told so, with the move's other notices (in the app).
  const held = heldNotice(args.holds ?? [], {
    kind: 'wish',
    id: wish._id,
    communityId: wish.communityId,
    messageKind: 'wish',
    link: wishLink(wish._id),
    where: '您为心愿填写的',
  });
  if (held) notices.push({ batch: `m${moved.rev}-held`, n: held });
  for (const { batch, n } of notices) update[`outbox.${batch}`] = _.set(batchOf([n]));
  Object.assign(
    update,
    owedToInUpdate(
      ctx,
      notices.map(({ n }) => batchOf([n])),
    ),
  );
  const res = await writeMove(ctx.db, wishMachine, row.via, {
    id: wish._id,
    from: wish.state,
    to: row.to,
    where: { rev: wish.rev },
    update,
  });
  if (!res.applied) throw moveRefusal(await getById(ctx, Collections.wishes, wish._id), row, args.by.id);
  if (notices.length > 0) {
    crashPoint('wish.move.before-message');
    for (const { n } of notices) await notify(ctx, n);
    const removed: Record<string, unknown> = {};
    for (const { batch } of notices) removed[`outbox.${batch}`] = _.remove();
    removed['owedTo'] = _.pullAll([...new Set(notices.map(({ n }) => n.userId))]);
    await ctx.db.collection(Collections.wishes).doc(wish._id).update(removed);
  }
  return moved;
}

/** A move decided on `wish`: the update that makes it and the wish after it (nothing written yet). */
export interface PlannedMove {
  wishId: string;
  from: WishState | null;
  update: Record<string, unknown>;
  moved: WishDoc;
}

export function planMove(ctx: Ctx, wish: WishDoc, row: Transition, args: MoveArgs): PlannedMove {
  if (row.from !== wish.state) throw stateRefusal(wish, row.via, args.by.id);
  return { wishId: wish._id, from: row.from, ...moveUpdate(ctx, wish, row, args) };
}

/**
 * Writes a planned move inside the caller's transaction, unconditionally (one request). The
 * caller's transaction must also add a document keyed by the move (so a second move aborts),
 * and the move's `from` state must be left by no other move: then the wish is, at the commit,
 * still as it was read. `singleExitStates` lists the states for which that holds.
 */
export async function moveInTransaction(tx: Transaction, planned: PlannedMove): Promise<WishDoc> {
  if (planned.from === null || !singleExitStates.has(planned.from)) {
    throw new Error(`moveInTransaction: a wish can leave ${String(planned.from)} by more than one move`);
  }
  await tx.collection(Collections.wishes).doc(planned.wishId).update(planned.update);
  return planned.moved;
}

/** The states that exactly one move of the table leaves. */
export const singleExitStates: ReadonlySet<WishState> = exitsOnce(wishMachine);

/** Why a move planned on a wish did not land (the wish as stored now), for a caller whose transaction aborted. */
export async function refusalNow(ctx: Ctx, wish: WishDoc, row: Transition, by: string | null): Promise<AppError> {
  return moveRefusal(await getById(ctx, Collections.wishes, wish._id), row, by);
}
