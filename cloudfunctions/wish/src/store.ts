/**
 * The stored shape of a wish and how verbs read it. Invariants:
 * - a wish is one document in `wishes`; its timeline is embedded and only ever appended to
 *   (`_.push`) in the same conditional write that changes its state;
 * - `rev` counts the moves made; every move is conditional on the state AND the revision it
 *   read, so a move decided on stale data never lands;
 * - names (poster, claimer, unit) are snapshots taken at the move, so the wall needs no joins;
 *   the poster's phone is read from their profile only when the caller may see it;
 * - `wantedByEnd` is the end of the wanted-by day in Asia/Shanghai (a Date, indexed with
 *   `state` for the expiry job); `claimSeq` numbers the claims (notification keys per claim).
 */
import { AppError } from '../../../types/errors';
import type { WishCategory, WishState } from '../../../types/wish';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';

export const WISHES = Collections.wishes;
export const WORK_UNITS = Collections.workUnits;
export const ESTATES = Collections.estates;
export const USERS = Collections.users;

/** A timeline entry as stored (names in full; masked on the way out when needed). */
export interface TimelineDoc {
  at: Date;
  from: WishState | null;
  to: WishState;
  /** The move that made it (an action name, or `expire` / `autoRelease` for the scheduler). */
  via: string;
  byId: string | null;
  byName: string;
  note: string | null;
}

export interface WishDoc {
  _id: string;
  communityId: string;
  estateId: string;
  buildingId: string;
  householdId: string;
  /** "幸福里小区 · 1号楼 · 1-102" — shown only to those who may see the contact details. */
  householdLabel: string;
  posterId: string;
  posterName: string;
  posterOpenid: string;
  category: WishCategory;
  title: string;
  content: string;
  /** `cloud://` file ids. */
  photos: string[];
  /** YYYY-MM-DD, Asia/Shanghai. */
  wantedBy: string;
  wantedByEnd: Date;
  state: WishState;
  rev: number;
  claimSeq: number;
  claimerId: string | null;
  claimerName: string | null;
  claimerOpenid: string | null;
  /** Set when a liaison claimed for their work unit; `claimerName` is then the unit's name. */
  claimWorkUnitId: string | null;
  claimedAt: Date | null;
  fulfilment: { note: string; photos: string[]; at: Date } | null;
  confirmation: { rating: number; thanks: string | null; at: Date } | null;
  rejectReason: string | null;
  /** Set by a confirmation until the claimer's points are in the ledger (the job retries). */
  creditPending: boolean;
  timeline: TimelineDoc[];
  createdAt: Date;
  updatedAt: Date;
}

export async function findWish(ctx: Ctx, wishId: string): Promise<WishDoc | null> {
  const res = await ctx.db.collection(WISHES).where({ _id: wishId }).limit(1).get();
  return ((res.data ?? []) as WishDoc[])[0] ?? null;
}

export async function mustFindWish(ctx: Ctx, wishId: string): Promise<WishDoc> {
  const wish = await findWish(ctx, wishId);
  if (!wish) throw new AppError('NOT_FOUND', 'wish.not-found', '该心愿不存在或已被删除');
  return wish;
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
