/**
 * Timer `expire-and-release` (hourly at minute 5): the scheduler's moves.
 * Invariants:
 * - a claim not fulfilled within CLAIM_LIMIT_DAYS of its claim goes back to the wall
 *   (claimed → published, `autoRelease`), its claimer and the poster are told;
 * - then a wish nobody took up by the end of its wanted-by day (China time) expires
 *   (submitted | published → expired, `expire`), its poster is told — releases run first, so a
 *   released wish past its date expires in the same run and a second run finds nothing;
 * - both are rows of the transition table written as conditional updates: a wish someone moves
 *   in the meantime is simply skipped; notification keys make a repeated run tell nobody twice;
 * - confirmations whose points are still pending (a failure after the state write) are credited
 *   again — idempotent by the ledger key `wish:<id>`.
 * Runs with no caller; running it twice in a row gives the same result as running it once.
 * Bounded (docs/adr/0041-bounded-jobs): community by community in the ring of `_shared/jobs.ts`,
 * at most JOB_LIMITS units per run and per community; a community's wishes are read in pages by
 * the (communityId, state, claimedAt), (communityId, state, wantedByEnd) and (communityId,
 * creditPending) indexes in
 * keyset order, and its cursor (which sweep, and the keyset after the last wish handled) is
 * saved when its share is spent, so the next run resumes there.
 */
import { addDays } from '../../../types/time';
import { AppError } from '../../../types/errors';
import type { Ctx } from '../../_shared/context';
import { forEachCommunity, runSweeps, type JobLimits, type Sweep, type SweepPlace } from '../../_shared/jobs';
import { creditClaimer } from './credit-claimer';
import { applyMove } from './move';
import { claimerOf, posterOf, quoted, type WishNotice } from './notices';
import { claimCleared, type WishDoc } from './store';
import { decideMove, type Via } from './transitions';
import { Collections } from '../../_shared/collections';

/** How long a claim may stand unfulfilled before it is released automatically. */
export const CLAIM_LIMIT_DAYS = 14;
const BATCH = 20;
/** Units one move costs (the conditional write, its log, its notices). */
const MOVE_COST = 4;
export const JOB_LIMITS: JobLimits = { budget: 300, perCommunity: 100 };
const SYSTEM = { id: null, name: '系统' };
const SCHEDULER = new Set(['system' as const]);

/** One scheduler move; false when the wish moved on in the meantime (nothing written). */
async function systemMove(
  ctx: Ctx,
  wish: WishDoc,
  via: Via,
  note: string,
  tell: (moved: WishDoc) => WishNotice[],
  set = {},
): Promise<WishDoc | null> {
  try {
    const row = decideMove(wish, via, SCHEDULER, null);
    return await applyMove(ctx, wish, row, { by: SYSTEM, note, set, tell });
  } catch (error) {
    if (error instanceof AppError && error.code !== 'INTERNAL') return null;
    throw error;
  }
}

type Counts = { released: number; expired: number; credited: number };

const sweeps: Array<Sweep<WishDoc, keyof Counts>> = [
  {
    order: { by: 'claimedAt', dir: 'asc' },
    where: (ctx, communityId) => ({
      communityId,
      state: 'claimed',
      claimedAt: ctx.db.command.lt(addDays(ctx.now(), -CLAIM_LIMIT_DAYS)),
    }),
    each: async (ctx, wish) => {
      const claimer = claimerOf(wish);
      const moved = await systemMove(
        ctx,
        wish,
        'autoRelease',
        `认领超过${CLAIM_LIMIT_DAYS}天未完成，系统自动释放`,
        (moved) => [
          ...(claimer
            ? [
                {
                  event: `auto-released:${wish.claimSeq}`,
                  to: claimer,
                  title: '您的认领已自动释放',
                  claimStatus: '已释放',
                  body: `您认领的心愿${quoted(moved)}超过${CLAIM_LIMIT_DAYS}天未完成，已自动释放，重新发布到心愿墙。`,
                },
              ]
            : []),
          {
            event: `auto-released:${wish.claimSeq}:poster`,
            to: posterOf(moved),
            title: '您的心愿已重新发布',
            body: `您的心愿${quoted(moved)}的认领超过${CLAIM_LIMIT_DAYS}天未完成，已重新发布，等待其他党员认领。`,
          },
        ],
        claimCleared,
      );
      return moved !== null;
    },
    counted: 'released',
  },
  {
    order: { by: 'wantedByEnd', dir: 'asc' },
    where: (ctx, communityId) => ({
      communityId,
      state: ctx.db.command.in(['submitted', 'published']),
      wantedByEnd: ctx.db.command.lte(ctx.now()),
    }),
    each: async (ctx, wish) => {
      const moved = await systemMove(ctx, wish, 'expire', `已过期望完成日期 ${wish.wantedBy}`, (moved) => [
        {
          event: 'expired',
          to: posterOf(moved),
          title: '您的心愿已过期',
          body: `您的心愿${quoted(moved)}到期望日期 ${wish.wantedBy} 仍未被认领，已过期。如仍有需要，可以重新发布。`,
        },
      ]);
      return moved !== null;
    },
    counted: 'expired',
  },
  {
    order: { by: '_id', dir: 'asc' },
    where: (_ctx, communityId) => ({ communityId, creditPending: true, state: 'confirmed' }),
    each: async (ctx, wish) => {
      await creditClaimer(ctx, wish);
      return true;
    },
    counted: 'credited',
  },
];

export async function expireAndRelease({ ctx, limits = JOB_LIMITS }: { ctx: Ctx; limits?: JobLimits }) {
  const counts: Counts = { released: 0, expired: 0, credited: 0 };
  const run = await forEachCommunity<SweepPlace>(ctx, 'expire-and-release', limits, (c) =>
    runSweeps(ctx, c, Collections.wishes, sweeps, counts, { batch: BATCH, cost: MOVE_COST }),
  );
  return { ...counts, more: run.more };
}
