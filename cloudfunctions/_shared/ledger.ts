/**
 * The points ledger (积分流水). Invariants:
 * - entries are only ever added; a correction is a new, reversing entry;
 * - an entry's `_id` is its idempotency key (e.g. `checkin:<eventId>:<userId>`), so the same
 *   source can never credit twice, however many times or how concurrently it is asked to;
 * - the member's balance document (`point_balances/<communityId>:<userId>`) is a cache of the
 *   ledger, changed only in the same transaction as the entry it reflects, so it always equals
 *   the sum of the entries (`ledgerSum` recomputes it with the database's aggregation).
 * - manual adjustments carry `adjustmentCap`: the balance document also counts, per quarter, the
 *   sum of |amount| of the adjustments made to the member (`adjusted.<quarter>`), checked and
 *   moved in the same transaction as the entry, so concurrent adjustments cannot together pass
 *   the community's quarterly cap (the loser of a write conflict re-runs and sees the new count).
 * Any area may credit points through `credit`, or through `creditInTransaction` inside the
 * transaction that writes the act earning them (docs/adr/0015); `reconcileBalances` proves the
 * balance documents against the ledger and repairs them (points.reconcile, docs/adr/0016);
 * nothing else writes these two collections.
 */
import type { LedgerReason } from '../../types/points';
import { quarterOf } from '../../types/time';
import type { BalanceDoc, LedgerDoc } from '../../types/documents';
import { Collections } from './collections';
import type { Ctx } from './context';
import { runTransaction, type Transaction } from './database';

export type { BalanceDoc, LedgerDoc };

export interface CreditInput {
  /** The idempotency key; becomes the entry's `_id`. */
  key: string;
  userId: string;
  communityId: string;
  amount: number;
  reason: LedgerReason;
  sourceId: string;
  explanation: string;
  createdBy: string | null;
  hours?: number;
  reversesId?: string | null;
  /**
   * A manual adjustment: refused with AdjustmentCapReached when the quarter's adjusted sum
   * plus |amount| would pass `perQuarter`. `seed` is the sum already in the ledger, used only
   * when the balance document has no count for the quarter yet (entries made before counting);
   * a function is called only then (so the ledger query it makes is skipped when not needed).
   */
  adjustmentCap?: { perQuarter: number; seed: number | (() => Promise<number>) };
}

/** Thrown by `credit` when a manual adjustment would pass the quarterly cap; nothing is written. */
export class AdjustmentCapReached extends Error {
  constructor(readonly used: number) {
    super('adjustment cap reached');
  }
}

export function balanceId(communityId: string, userId: string): string {
  return `${communityId}:${userId}`;
}

class AlreadyCredited extends Error {}

function isDuplicate(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'DATABASE_DUPLICATE_WRITE'
  );
}

/** The entry `credit` would write for `input` at `now`. */
function entryOf(input: CreditInput, now: Date): LedgerDoc {
  return {
    _id: input.key,
    userId: input.userId,
    communityId: input.communityId,
    amount: input.amount,
    reason: input.reason,
    sourceId: input.sourceId,
    explanation: input.explanation,
    quarter: quarterOf(now),
    hours: input.hours ?? 0,
    reversesId: input.reversesId ?? null,
    createdBy: input.createdBy,
    createdAt: now,
  };
}

/**
 * The credit as part of a caller's transaction, so that the act that earns it (a ballot, a
 * check-in) and its entry and balance commit together or not at all. Doc-level operations only.
 * Returns `credited: false` and the stored entry when the key exists already (nothing written);
 * throws AdjustmentCapReached as `credit` does. `tx` may be re-run by `runTransaction`, so call
 * this inside its function, never around it.
 *
 * Requests (issue #13 part 4): the entry's add and the balance's write, plus
 * - the entry's read, unless `fresh`;
 * - the balance's read only for a manual adjustment (its cap needs the quarter's count) or an
 *   amount of 0; otherwise the balance is moved with `_.inc` without being read, and only when
 *   that update finds no document (the member's first credit in the community) is it created
 *   with `set` — a concurrent creator makes one of the transactions conflict, and its re-run
 *   finds the document. So a credit usually costs 2 requests with `fresh`, 3 without.
 */
export async function creditInTransaction(
  tx: Transaction,
  ctx: Pick<Ctx, 'db' | 'now'>,
  input: CreditInput,
  opts: {
    fresh?: boolean;
    /**
     * The caller read, before the transaction, that the member has no balance document in the
     * community: it is then added (one request, not the update that would find nothing and the
     * `set`). A balance created meanwhile makes that add collide (DATABASE_DUPLICATE_WRITE), which
     * aborts the transaction: the caller must then run it again without this hint.
     */
    balanceAbsent?: boolean;
  } = {},
): Promise<{ credited: boolean; entry: LedgerDoc }> {
  const now = ctx.now();
  const entry = entryOf(input, now);
  const _ = ctx.db.command;
  const balId = balanceId(input.communityId, input.userId);
  // `fresh`: the caller's transaction has just created the one act this key belongs to (its
  // natural-key document, or its one-way move), or the caller handles a duplicate itself, so the
  // entry is not read (one request fewer); if it did exist the add fails with a duplicate-key
  // error and aborts the transaction.
  const existing = opts.fresh ? null : await tx.collection(Collections.pointLedger).doc(entry._id).get();
  if (existing?.data) return { credited: false, entry: existing.data as LedgerDoc };
  const cap = input.adjustmentCap;
  const blind = !cap && entry.amount !== 0;
  const stored = blind
    ? undefined
    : ((await tx.collection(Collections.pointBalances).doc(balId).get()).data as BalanceDoc | null | undefined);
  const counted = stored?.adjusted?.[entry.quarter];
  const seed = cap && counted === undefined ? (typeof cap.seed === 'number' ? cap.seed : await cap.seed()) : 0;
  const used = cap ? (counted ?? seed) : 0;
  if (cap && used + Math.abs(entry.amount) > cap.perQuarter) throw new AdjustmentCapReached(used);
  const adjusted = cap
    ? {
        [`adjusted.${entry.quarter}`]:
          counted === undefined ? used + Math.abs(entry.amount) : _.inc(Math.abs(entry.amount)),
      }
    : {};
  await tx.collection(Collections.pointLedger).add(entry);
  let exists = Boolean(stored);
  const absent = blind && opts.balanceAbsent === true;
  if ((blind && !absent) || stored) {
    const res = (await tx
      .collection(Collections.pointBalances)
      .doc(balId)
      .update({
        balance: _.inc(entry.amount),
        [`quarters.${entry.quarter}`]: _.inc(entry.amount),
        ...adjusted,
        updatedAt: now,
      })) as { updated?: number };
    // Blind: a non-zero `_.inc` changes any document it finds, so 0 updated means there is none.
    if (blind) exists = (res.updated ?? 0) > 0;
  }
  if (!exists) {
    const fresh: Omit<BalanceDoc, '_id'> = {
      userId: input.userId,
      communityId: input.communityId,
      balance: entry.amount,
      quarters: { [entry.quarter]: entry.amount },
      ...(cap ? { adjusted: { [entry.quarter]: used + Math.abs(entry.amount) } } : {}),
      updatedAt: now,
    };
    if (absent) await tx.collection(Collections.pointBalances).add({ _id: balId, ...fresh });
    else await tx.collection(Collections.pointBalances).doc(balId).set(fresh);
  }
  return { credited: true, entry };
}

/**
 * Adds one entry and moves the balance with it (and what `alongside` writes), atomically. Returns `credited: false` (and the
 * existing entry) when an entry with this key already exists. The entry is not read first: a
 * duplicate key aborts the transaction, and only then is the stored entry read; a capped
 * adjustment refused by its cap is also answered with the stored entry when there is one (a
 * replay of an adjustment made earlier is never refused).
 */
export async function credit(
  ctx: Ctx,
  input: CreditInput,
  opts: {
    /**
     * More documents of the same act written in the credit's transaction after the entry and
     * the balance (an admin's audit entry), so a crash leaves all or none; doc-level writes
     * only, and only for a new entry (a repeat writes nothing).
     */
    alongside?: (tx: Transaction, entry: LedgerDoc) => Promise<void>;
  } = {},
): Promise<{ credited: boolean; entry: LedgerDoc }> {
  const entry = entryOf(input, ctx.now());
  try {
    const res = await runTransaction(ctx.db, async (tx) => {
      const done = await creditInTransaction(tx, { db: ctx.db, now: () => entry.createdAt }, input, {
        fresh: true,
      });
      if (!done.credited) throw new AlreadyCredited();
      if (opts.alongside) await opts.alongside(tx, done.entry);
      return done;
    });
    return res;
  } catch (error) {
    const replay = error instanceof AdjustmentCapReached;
    if (!replay && !(error instanceof AlreadyCredited) && !isDuplicate(error)) throw error;
    const stored = await ctx.db.collection(Collections.pointLedger).doc(entry._id).get();
    const existing = (stored.data as LedgerDoc[])[0];
    if (!existing) throw error;
    return { credited: false, entry: existing };
  }
}

/** The member's balance and per-quarter totals recomputed from the ledger alone (one aggregation). */
export async function ledgerSum(
  ctx: Ctx,
  communityId: string,
  userId: string,
): Promise<{ balance: number; quarters: Record<string, number> }> {
  const res = await ctx.db
    .collection(Collections.pointLedger)
    .aggregate()
    .match({ communityId, userId })
    .group({ _id: '$quarter', total: ctx.db.command.aggregate.sum('$amount') })
    // CloudBase returns 20 aggregation results unless told otherwise; a member has one per quarter.
    .limit(1000)
    .end();
  const quarters: Record<string, number> = {};
  let balance = 0;
  for (const row of res.data as Array<{ _id: string; total: number }>) {
    quarters[row._id] = row.total;
    balance += row.total;
  }
  return { balance, quarters };
}

/** One counter of a balance document that disagreed with the ledger, as set by `reconcileBalances`. */
export interface BalanceRepair {
  id: string;
  communityId: string;
  field: string;
  from: number | null;
  to: number;
}

interface LedgerRow {
  _id: { c: string; u: string; q: string };
  total: number;
  adjusted: number;
}

/**
 * Proves or repairs these balance documents against the ledger (the points area's reconcile;
 * docs/adr/0016). For each: `balance` = the sum of the member's entries in the community,
 * `quarters.<q>` = that sum per quarter (a missing quarter counts as 0), and each stored
 * `adjusted.<q>` = the sum of |amount| of the quarter's manual adjustments (a quarter not counted
 * yet stays absent: `credit` seeds it from the ledger when it is first needed). One aggregation
 * per 50 members (an admin's page: one); a repair is one conditional write per repaired
 * document that writes only if the document is still as it was read — its `balance`,
 * `updatedAt` and each repaired field (else a credit moved it meanwhile, and the next run
 * checks it again). So a clean page costs one request, and a damaged one one more per
 * repaired document.
 */
export async function reconcileBalances(ctx: Ctx, balances: BalanceDoc[]): Promise<BalanceRepair[]> {
  const repairs: BalanceRepair[] = [];
  for (let i = 0; i < balances.length; i += RECONCILE_CHUNK) {
    repairs.push(...(await reconcileChunk(ctx, balances.slice(i, i + RECONCILE_CHUNK))));
  }
  return repairs;
}

/** Members per aggregation: at most 40 quarters (ten years) each fits its RECONCILE_ROWS rows. */
const RECONCILE_CHUNK = 50;
const RECONCILE_ROWS = RECONCILE_CHUNK * 40;

async function reconcileChunk(ctx: Ctx, balances: BalanceDoc[]): Promise<BalanceRepair[]> {
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const res = await ctx.db
    .collection(Collections.pointLedger)
    .aggregate()
    .match(
      // One community (every page is): a condition the (communityId, userId) index serves.
      new Set(balances.map((b) => b.communityId)).size === 1
        ? { communityId: balances[0]!.communityId, userId: _.in(balances.map((b) => b.userId)) }
        : _.or(balances.map((b) => ({ communityId: b.communityId, userId: b.userId }))),
    )
    .group({
      _id: { c: '$communityId', u: '$userId', q: '$quarter' },
      total: $.sum('$amount'),
      adjusted: $.sum($.cond({ if: $.eq(['$reason', 'adjustment']), then: $.abs('$amount'), else: 0 })),
    })
    .limit(RECONCILE_ROWS)
    .end();
  const byBalance = new Map<string, LedgerRow[]>();
  for (const row of res.data as LedgerRow[]) {
    const id = balanceId(row._id.c, row._id.u);
    byBalance.set(id, [...(byBalance.get(id) ?? []), row]);
  }
  const repairs: BalanceRepair[] = [];
  for (const seen of balances) {
    const rows = byBalance.get(seen._id) ?? [];
    const want: Record<string, number> = { balance: rows.reduce((s, r) => s + r.total, 0) };
    const quarters = new Set([...Object.keys(seen.quarters ?? {}), ...rows.map((r) => r._id.q)]);
    for (const q of quarters) want[`quarters.${q}`] = rows.find((r) => r._id.q === q)?.total ?? 0;
    for (const q of Object.keys(seen.adjusted ?? {})) {
      want[`adjusted.${q}`] = rows.find((r) => r._id.q === q)?.adjusted ?? 0;
    }
    const stored = (doc: BalanceDoc, field: string): number | null => {
      const [head, key] = field.split('.') as [keyof BalanceDoc, string | undefined];
      const value = key === undefined ? doc[head] : (doc[head] as Record<string, unknown> | undefined)?.[key];
      return typeof value === 'number' ? value : null;
    };
    const wrong = Object.keys(want).filter(
      (k) => stored(seen, k) !== want[k] && !(stored(seen, k) === null && want[k] === 0),
    );
    if (wrong.length === 0) continue;
    // One conditional write (a single document's update is atomic): only if the document is
    // still as read. Every credit moves `balance` and sets `updatedAt` (ledger.ts is the only
    // other writer), and each repaired field must still hold the value read.
    const cond: Record<string, unknown> = {
      _id: seen._id,
      balance: seen.balance,
      updatedAt: seen.updatedAt instanceof Date ? seen.updatedAt : _.exists(false),
    };
    for (const k of wrong) {
      const from = stored(seen, k);
      cond[k] = from === null ? _.exists(false) : from;
    }
    const res = (await ctx.db
      .collection(Collections.pointBalances)
      .where(cond)
      .update(Object.fromEntries(wrong.map((k) => [k, want[k]])))) as { updated?: number };
    if ((res.updated ?? 0) !== 1) continue;
    for (const k of wrong)
      repairs.push({ id: seen._id, communityId: seen.communityId, field: k, from: stored(seen, k), to: want[k]! });
  }
  return repairs;
}

/**
 * The credit that reverses `entry` (ADR 0005's convention: key `reversal:<entry id>`, the negated
 * amount, `reversesId` the entry): deterministic, so a second reversal of the same entry finds
 * it and writes nothing.
 */
export function reversalOf(entry: LedgerDoc, explanation: string, createdBy: string | null): CreditInput {
  return {
    key: `reversal:${entry._id}`,
    userId: entry.userId,
    communityId: entry.communityId,
    amount: -entry.amount,
    reason: 'reversal',
    sourceId: entry.sourceId,
    explanation,
    createdBy,
    reversesId: entry._id,
  };
}
