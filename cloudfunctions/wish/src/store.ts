/**
 * The stored shape of a wish and how verbs read it. Invariants:
 * - a wish is one document in `wishes`; its timeline is embedded and only ever appended to
 *   (`_.push`) in the same conditional write that changes its state;
 * - `rev` counts the moves made; every move is conditional on the state AND the revision it
 *   read, so a move decided on stale data never lands;
 * - names (poster, claimer, unit) are snapshots taken at the move, so the wall needs no joins;
 *   the poster's phone is read from their profile only when the caller may see it;
 * - a verb that answers with the wish's detail reads it with `findWishInContext`: ONE request
 *   (an aggregation) that also joins what the detail needs from other collections — the estate's
 *   name, the poster's phone, the building's grid — and, when asked, the community's point rules;
 * - `wantedByEnd` is the end of the wanted-by day in Asia/Shanghai (a Date, indexed with
 *   `state` for the expiry job); `claimSeq` numbers the claims (notification keys per claim);
 * - a wish read here that still owes messages (`outbox`: an act that died before delivering
 *   them, _shared/outbox.ts) has them delivered before the verb goes on.
 */
import { AppError } from '../../../types/errors';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { RowStages } from '../../_shared/actor';
import { mustGetById } from '../../_shared/db-helpers';
import { deliver } from '../../_shared/outbox';
import type { BuildingDoc, EstateDoc, PointRulesDoc, UserDoc, WishDoc } from '../../../types/documents';

export type { TimelineDoc, WishDoc } from '../../../types/documents';

export function wishNotFound(): AppError {
  return new AppError('NOT_FOUND', 'wish.not-found', '该心愿不存在或已被删除');
}

/** The wish, or NOT_FOUND `wish.not-found`. */
export async function mustFindWish(ctx: Ctx, wishId: string): Promise<WishDoc> {
  return mustGetById(ctx, Collections.wishes, wishId, wishNotFound);
}

/** What a wish's detail needs from other collections (see `findWishInContext`). */
export interface WishContext {
  estateName: string;
  /** The poster's phone (shown only to those who may contact them). */
  posterPhone: string | null;
  /** The 网格 (grid) of the wish's building now (null: 未划分网格, or the building is gone). */
  buildingGridId: string | null;
}

export interface WishInContext extends WishContext {
  wish: WishDoc;
  /** The community's stored point rules (null when never edited: the defaults apply); only with `rules`. */
  rules: Partial<PointRulesDoc> | null;
}

interface JoinedWish extends WishDoc {
  _estate?: Array<Pick<EstateDoc, 'name'>>;
  _poster?: Array<Pick<UserDoc, 'phone'>>;
  _building?: Array<Pick<BuildingDoc, 'gridId'>>;
  _rules?: Array<Partial<PointRulesDoc>>;
}

/**
 * The wish with its estate's name, its poster's phone and its building's grid (and, with `rules`, the community's
 * point rules), in ONE request: an aggregation joining each by `_id`, however the wish is shaped.
 */
export async function findWishInContext(
  ctx: Ctx,
  wishId: string,
  opts: { rules?: boolean } = {},
): Promise<WishInContext | null> {
  const res = await inContext(ctx.db.collection(Collections.wishes).aggregate(), wishId, opts).end();
  const row = ((res.data ?? []) as JoinedWish[])[0];
  if (!row) return null;
  const found = unjoin(row);
  await deliver(ctx, Collections.wishes, found.wish);
  return found;
}

type Pipeline = ReturnType<Ctx['db']['command']['aggregate']['pipeline']>;

/** The stages that read the wish with its estate, poster and (with `rules`) rules. */
function inContext(pipeline: Pipeline, wishId: string, opts: { rules?: boolean }): Pipeline {
  let query = pipeline
    .match({ _id: wishId })
    .limit(1)
    .lookup({ from: Collections.estates, localField: 'estateId', foreignField: '_id', as: '_estate' })
    .lookup({ from: Collections.users, localField: 'posterId', foreignField: '_id', as: '_poster' })
    .lookup({ from: Collections.buildings, localField: 'buildingId', foreignField: '_id', as: '_building' });
  if (opts.rules)
    query = query.lookup({
      from: Collections.pointRules,
      localField: 'communityId',
      foreignField: '_id',
      as: '_rules',
    });
  return query;
}

function unjoin(row: JoinedWish): WishInContext {
  const { _estate, _poster, _building, _rules, ...wish } = row;
  return {
    wish,
    estateName: _estate?.[0]?.name ?? '',
    posterPhone: _poster?.[0]?.phone ?? null,
    buildingGridId: _building?.[0]?.gridId ?? null,
    rules: _rules?.[0] ?? null,
  };
}

/**
 * The stages that join the wish in context (as `findWishInContext`) to the caller's row as
 * `_wish` — an uncorrelated `$lookup` sub-pipeline — so the caller and the wish are ONE request
 * (`actingFor` / `callerJoined`). With `claimerBalance`, the claimer's balance document in the
 * wish's community is joined too (whether it exists: a first credit adds it in one request).
 */
export function withWish(
  ctx: Ctx,
  wishId: string,
  opts: { rules?: boolean; claimerBalance?: boolean } = {},
): RowStages {
  const $ = ctx.db.command.aggregate;
  let pipeline = inContext($.pipeline(), wishId, opts);
  if (opts.claimerBalance) {
    pipeline = pipeline
      .addFields({ _balanceKey: $.concat(['$communityId', ':', '$claimerId']) })
      .lookup({
        from: Collections.pointBalances,
        localField: '_balanceKey',
        foreignField: '_id',
        as: '_claimerBalance',
      });
  }
  return (query) => query.lookup({ from: Collections.wishes, pipeline: pipeline.done(), as: '_wish' });
}

/**
 * The wish `withWish` joined to the caller's row (`joined`; null — a caller without a user
 * document — reads it the ordinary way), its owed messages delivered. `claimerHasBalance`: null
 * when not known.
 */
export async function joinedWish(
  ctx: Ctx,
  joined: Record<string, unknown> | null,
  wishId: string,
  opts: { rules?: boolean } = {},
): Promise<WishInContext & { claimerHasBalance: boolean | null }> {
  if (!joined) return { ...(await mustFindWishInContext(ctx, wishId, opts)), claimerHasBalance: null };
  const found = (
    joined._wish as Array<JoinedWish & { _balanceKey?: string; _claimerBalance?: unknown[] }> | undefined
  )?.[0];
  if (!found) throw wishNotFound();
  const { _balanceKey, _claimerBalance, ...row } = found;
  const wish = unjoin(row);
  await deliver(ctx, Collections.wishes, wish.wish);
  return { ...wish, claimerHasBalance: _claimerBalance && wish.wish.claimerId ? _claimerBalance.length > 0 : null };
}

export async function mustFindWishInContext(
  ctx: Ctx,
  wishId: string,
  opts: { rules?: boolean } = {},
): Promise<WishInContext> {
  const found = await findWishInContext(ctx, wishId, opts);
  if (!found) throw wishNotFound();
  return found;
}

/** The fields a move back to the wall clears: the claim is over, its contact access with it. */
export const claimCleared = {
  claimerId: null,
  claimerName: null,
  claimerOpenid: null,
  claimWorkUnitId: null,
  claimedAt: null,
  fulfilment: null,
} as const;

/** The fields of a wish as posted: never claimed, no outcome, nothing to credit. */
export const neverClaimed = {
  claimSeq: 0,
  ...claimCleared,
  confirmation: null,
  rejectReason: null,
  creditPending: false,
} as const;
