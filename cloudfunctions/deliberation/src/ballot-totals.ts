/**
 * Reading the ballots of a topic without loading them: one aggregation grouped by choice
 * (households = count, area = sum of the frozen areas) for the tally, and one count + sum for
 * the live turnout. Invariants: the choices never leave the server while voting is open
 * (turnout has no choice in it); the cost does not grow with the number of ballots in
 * requests (one aggregation each).
 */
import { Choice } from '../../../types/deliberation';
import type { Ctx } from '../../_shared/context';
import { emptyTotals, type Totals } from './tally';
import { Collections } from '../../_shared/collections';

export async function ballotTotals(ctx: Ctx, topicId: string): Promise<Totals> {
  const $ = ctx.db.command.aggregate;
  const res = await ctx.db
    .collection(Collections.ballots)
    .aggregate()
    .match({ topicId })
    .group({ _id: '$choice', households: $.sum(1), areaCents: $.sum('$areaCents') })
    .limit(10)
    .end();
  const totals = emptyTotals();
  for (const row of (res.data ?? []) as Array<{ _id: string; households: number; areaCents: number }>) {
    const choice = Choice.safeParse(row._id);
    if (choice.success) totals[choice.data] = { households: row.households, areaCents: row.areaCents };
  }
  return totals;
}

export async function votedSoFar(ctx: Ctx, topicId: string): Promise<{ households: number; areaCents: number }> {
  const $ = ctx.db.command.aggregate;
  const res = await ctx.db
    .collection(Collections.ballots)
    .aggregate()
    .match({ topicId })
    .group({ _id: null, households: $.sum(1), areaCents: $.sum('$areaCents') })
    .end();
  const row = ((res.data ?? []) as Array<{ households: number; areaCents: number }>)[0];
  return row ? { households: row.households, areaCents: row.areaCents } : { households: 0, areaCents: 0 };
}
