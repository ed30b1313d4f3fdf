/**
 * Topic figures (议事): the community's topics by current step, and the average days a topic
 * spent in each step it left during the range. Invariants: two aggregations — a group by step,
 * and per topic the intervals between consecutive history entries (`$map` over the history's
 * indexes: entry i-1 entered the step `to`, entry i left it), unwound and averaged per step;
 * the step a topic is in now is not counted until it leaves it. Narrowed by estate/building.
 */
import type { Overview } from '../../../types/dashboard';
import { Step } from '../../../types/deliberation';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { AGGREGATE_LIMIT, communityCond, inRange, placeCond, type Where } from './where';

const DAY = 24 * 3_600_000;

export async function topicFigures(ctx: Ctx, where: Where): Promise<Overview['topics']> {
  const $ = ctx.db.command.aggregate;
  const match = { communityId: communityCond(ctx, where), ...placeCond(where) };
  const [bySteps, durations] = await Promise.all([
    ctx.db
      .collection(Collections.topics)
      .aggregate()
      .match(match)
      .group({ _id: '$step', count: $.sum(1) })
      .limit(AGGREGATE_LIMIT)
      .end(),
    ctx.db
      .collection(Collections.topics)
      .aggregate()
      .match(match)
      .project({
        iv: $.map({
          input: $.range([1, $.size($.ifNull(['$history', []]))]),
          as: 'i',
          in: {
            step: $.arrayElemAt(['$history.to', $.subtract(['$$i', 1])]),
            enteredAt: $.arrayElemAt(['$history.at', $.subtract(['$$i', 1])]),
            leftAt: $.arrayElemAt(['$history.at', '$$i']),
          },
        }),
      })
      .unwind('$iv')
      .match({ 'iv.leftAt': inRange(ctx, where) })
      .group({ _id: '$iv.step', ms: $.avg($.subtract(['$iv.leftAt', '$iv.enteredAt'])), n: $.sum(1) })
      .limit(AGGREGATE_LIMIT)
      .end(),
  ]);
  const steps = (bySteps.data ?? []) as Array<{ _id: string; count: number }>;
  const avg = (durations.data ?? []) as Array<{ _id: string; ms: number; n: number }>;
  return {
    byStep: Step.options.map((step) => ({ step, count: steps.find((r) => r._id === step)?.count ?? 0 })),
    avgDaysPerStep: Step.options.flatMap((step) => {
      const r = avg.find((a) => a._id === step);
      return r ? [{ step, days: Math.round((r.ms / DAY) * 100) / 100, samples: r.n }] : [];
    }),
  };
}
