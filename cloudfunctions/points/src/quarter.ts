/**
 * The quarterly assessment (季度考核), shared by quarterReport, closeQuarter, the close-quarters
 * job and the export.
 * Invariants:
 * - points per member come from ONE aggregation in the database over `point_ledger` (match
 *   community + quarter, group by member, sum the amounts) — entries never travel to the
 *   function, so the cost in requests is the same for 100 or 100,000 entries;
 * - every member of the community (in office, retired, mobile) has a row; no entries → 0;
 * - rank 1 = most points; equal points share a rank and the next rank skips (1, 1, 3);
 * - 达标 = points ≥ the community's threshold (exactly at the threshold is 达标);
 * - a closed quarter is one `quarter_results` document (`<communityId>:<quarter>`), added with
 *   that `_id` so that closing twice — also concurrently, also by the job — yields one result
 *   and never changes it;
 * - its audit entry has a deterministic id (`quarter_result:<resultId>`): the result is added
 *   with `audited: false`, then the entry, then `audited: true`. A crash between them leaves
 *   `audited: false`, and the next close of the quarter (admin or job) writes the entry —
 *   at most once, whoever finishes it — before answering.
 */
import type { QuarterReport, QuarterRow } from '../../../types/points';
import { auditDocOf } from '../../_shared/audit';
import { crashPoint } from '../../_shared/crash-points';
import type { Ctx } from '../../_shared/context';
import { getById, iso, isDuplicateWrite } from '../../_shared/db-helpers';
import { Collections } from '../../_shared/collections';
import type { CommunityDoc, UserDoc } from '../../_shared/documents';
import { pointRules, type PointRulesDoc } from '../../_shared/point-rules';
import { byName, communityMembers, type Member } from './members';
import { docsByIds, quarterResultId, thresholdOf, type QuarterResultDoc } from './store';

/** Largest result an aggregation returns here (CloudBase returns 20 without a limit). */
export const AGGREGATE_LIMIT = 10_000;

/** Each member's total for the quarter: one aggregation in the database. */
export async function quarterTotals(ctx: Ctx, communityId: string, quarter: string): Promise<Map<string, number>> {
  const $ = ctx.db.command.aggregate;
  const res = await ctx.db
    .collection(Collections.pointLedger)
    .aggregate()
    .match({ communityId, quarter })
    .group({ _id: '$userId', points: $.sum('$amount') })
    .limit(AGGREGATE_LIMIT)
    .end();
  const totals = new Map<string, number>();
  for (const row of (res.data ?? []) as Array<{ _id: string; points: number }>) totals.set(row._id, row.points);
  return totals;
}

/** Rows ranked by points (ties share a rank; the next rank skips), names in Chinese order within a rank. */
export function rankRows(members: readonly Member[], totals: Map<string, number>, threshold: number): QuarterRow[] {
  const scored = members
    .map((m) => ({ ...m, points: totals.get(m.userId) ?? 0 }))
    .sort((a, b) => b.points - a.points || byName(a, b));
  let rank = 0;
  return scored.map((m, i) => {
    if (i === 0 || m.points !== scored[i - 1]?.points) rank = i + 1;
    return {
      userId: m.userId,
      userName: m.name,
      workUnitName: m.workUnitName,
      points: m.points,
      rank,
      qualified: m.points >= threshold,
    };
  });
}

function fromStored(doc: QuarterResultDoc): QuarterReport {
  return {
    communityId: doc.communityId,
    quarter: doc.quarter,
    threshold: doc.threshold,
    closed: true,
    closedAt: iso(doc.closedAt),
    rows: doc.rows,
  };
}

export function closedQuarter(ctx: Ctx, communityId: string, quarter: string): Promise<QuarterResultDoc | null> {
  return getById(ctx, Collections.quarterResults, quarterResultId(communityId, quarter));
}

/** The live assessment from the ledger (members, rules and the aggregation, read together). */
export async function liveReport(ctx: Ctx, communityId: string, quarter: string): Promise<QuarterReport> {
  const [members, rules, totals] = await Promise.all([
    communityMembers(ctx, communityId),
    pointRules(ctx, communityId),
    quarterTotals(ctx, communityId, quarter),
  ]);
  return {
    communityId,
    quarter,
    threshold: rules.quarterThreshold,
    closed: false,
    closedAt: null,
    rows: rankRows(members, totals, rules.quarterThreshold),
  };
}

/** `liveReport` with the community's stored rules already read (members and totals together). */
async function liveReportWith(
  ctx: Ctx,
  communityId: string,
  quarter: string,
  rules: Partial<PointRulesDoc> | null,
): Promise<QuarterReport> {
  const threshold = thresholdOf(rules);
  const [members, totals] = await Promise.all([
    communityMembers(ctx, communityId),
    quarterTotals(ctx, communityId, quarter),
  ]);
  return { communityId, quarter, threshold, closed: false, closedAt: null, rows: rankRows(members, totals, threshold) };
}

/**
 * The frozen result when the quarter is closed, the live one otherwise, and the community's
 * name (for file names). Requests: the community with its closed result and rules (one
 * aggregation); when open, the members and the aggregation, together — three at most.
 */
export async function quarterReportOf(
  ctx: Ctx,
  communityId: string,
  quarter: string,
): Promise<{ report: QuarterReport; communityName: string }> {
  const { anchor, docs } = await docsByIds(
    ctx,
    { collection: Collections.communities, id: communityId },
    {
      result: { collection: Collections.quarterResults, id: quarterResultId(communityId, quarter) },
      rules: { collection: Collections.pointRules, id: communityId },
    },
  );
  const communityName = (anchor as Partial<CommunityDoc> | null)?.name ?? communityId;
  const stored = docs.result as QuarterResultDoc | null;
  if (stored) return { report: fromStored(stored), communityName };
  const threshold = thresholdOf(docs.rules as Partial<PointRulesDoc> | null);
  const [members, totals] = await Promise.all([
    communityMembers(ctx, communityId),
    quarterTotals(ctx, communityId, quarter),
  ]);
  return {
    report: {
      communityId,
      quarter,
      threshold,
      closed: false,
      closedAt: null,
      rows: rankRows(members, totals, threshold),
    },
    communityName,
  };
}

/**
 * Closes a (finished) quarter of a community: freezes the live rows into `quarter_results`.
 * `created` is false when it was already closed (then the stored result is returned as is).
 * The caller checks that the quarter is over. Audited when this call closed it.
 */
export async function closeQuarterFor(
  ctx: Ctx,
  communityId: string,
  quarter: string,
  closer: UserDoc | null,
  /** The stored result (null: none) and rules (null: never edited) when the caller read them already. */
  known?: { existing: QuarterResultDoc | null; rules: Partial<PointRulesDoc> | null },
): Promise<{ created: boolean; report: QuarterReport }> {
  const existing = known ? known.existing : await closedQuarter(ctx, communityId, quarter);
  if (existing) {
    if (existing.audited === false) await auditClose(ctx, existing);
    return { created: false, report: fromStored(existing) };
  }
  const live = known
    ? await liveReportWith(ctx, communityId, quarter, known.rules)
    : await liveReport(ctx, communityId, quarter);
  const doc: QuarterResultDoc = {
    _id: quarterResultId(communityId, quarter),
    communityId,
    quarter,
    threshold: live.threshold,
    rows: live.rows,
    closedAt: ctx.now(),
    closedBy: closer?._id ?? null,
    closedByName: closer?.name ?? null,
    audited: false,
  };
  try {
    await ctx.db.collection(Collections.quarterResults).add(doc);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    const winner = await closedQuarter(ctx, communityId, quarter);
    if (!winner) throw error;
    if (winner.audited === false) await auditClose(ctx, winner);
    return { created: false, report: fromStored(winner) };
  }
  crashPoint('points.close-quarter.after-result');
  await auditClose(ctx, doc);
  return { created: true, report: fromStored(doc) };
}

/** The close's audit entry (deterministic id: written once), then the result's `audited` flag. */
async function auditClose(ctx: Ctx, result: QuarterResultDoc): Promise<void> {
  const qualified = result.rows.filter((r) => r.qualified).length;
  const closer = result.closedBy ? { _id: result.closedBy, name: result.closedByName ?? '' } : null;
  const entry = auditDocOf(
    { now: () => result.closedAt },
    closer,
    {
      communityId: result.communityId,
      action: 'points.closeQuarter',
      targetKind: 'quarter_result',
      targetId: result._id,
      summary: `结算 ${result.quarter} 季度考核：${result.rows.length} 名党员，${qualified} 名达标`,
      before: null,
      after: { quarter: result.quarter, threshold: result.threshold, members: result.rows.length, qualified },
    },
    `quarter_result:${result._id}`,
  );
  try {
    await ctx.db.collection(Collections.auditLog).add(entry);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
  }
  crashPoint('points.close-quarter.after-audit');
  await ctx.db.collection(Collections.quarterResults).doc(result._id).update({ audited: true });
}
