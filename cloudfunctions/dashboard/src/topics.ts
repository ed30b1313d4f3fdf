/**
 * Topic figures (议事): the community's topics by current step, and the average days a topic
 * spent in each step it left during the range. Invariants: one aggregation — per topic a row
 * for the step it is in now and one per interval between consecutive history entries that
 * ended in the range (`$map` over the history's indexes: entry i-1 entered the step `to`, entry
 * i left it), unwound and grouped by kind and step (counted, and averaged for the intervals);
 * the step a topic is in now is not counted until it leaves it. Narrowed by estate/building.
 */
import type { Overview } from '../../../types/dashboard';
import { Step } from '../../../types/deliberation';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { AGGREGATE_LIMIT, communityCond, placeCond, runPart, type Part, type Where } from './where';

const DAY = 24 * 3_600_000;

export function topicPart(ctx: Ctx, where: Where): Part {
  const $ = ctx.db.command.aggregate;
  const match = { communityId: communityCond(ctx, where), ...placeCond(where) };
  // Per topic one `now` row (the step it is in) and one `left` row per step it left in the range;
  // grouped by kind and step: the `now` rows count topics per step, the `left` rows average.
  const intervals = $.map({
    input: $.range([1, $.size($.ifNull(['$history', []]))]),
    as: 'i',
    in: {
      kind: 'left',
      step: $.arrayElemAt(['$history.to', $.subtract(['$$i', 1])]),
      enteredAt: $.arrayElemAt(['$history.at', $.subtract(['$$i', 1])]),
      leftAt: $.arrayElemAt(['$history.at', '$$i']),
    },
  });
  return {
    from: Collections.topics,
    build: (pipeline) =>
      pipeline
        .match(match)
        .project({
          rows: $.concatArrays([
            [{ kind: 'now', step: '$step' }],
            $.filter({
              input: intervals,
              as: 'v',
              cond: $.and([$.gte(['$$v.leftAt', where.start]), $.lt(['$$v.leftAt', where.end])]),
            }),
          ]),
        })
        .unwind('$rows')
        .group({
          _id: { kind: '$rows.kind', step: '$rows.step' },
          n: $.sum(1),
          ms: $.avg(
            $.cond({
              if: $.eq(['$rows.kind', 'left']),
              then: $.subtract(['$rows.leftAt', '$rows.enteredAt']),
              else: null,
            }),
          ),
        })
        .limit(AGGREGATE_LIMIT),
  };
}

export async function topicFigures(ctx: Ctx, where: Where): Promise<Overview['topics']> {
  return topicsOf(await runPart(ctx, topicPart(ctx, where)));
}

export function topicsOf(list: unknown[]): Overview['topics'] {
  const rows = list as Array<{ _id: { kind: 'now' | 'left'; step: string }; n: number; ms: number | null }>;
  const of = (kind: 'now' | 'left', step: string) => rows.find((r) => r._id.kind === kind && r._id.step === step);
  return {
    byStep: Step.options.map((step) => ({ step, count: of('now', step)?.n ?? 0 })),
    avgDaysPerStep: Step.options.flatMap((step) => {
      const r = of('left', step);
      return r ? [{ step, days: Math.round(((r.ms ?? 0) / DAY) * 100) / 100, samples: r.n }] : [];
    }),
  };
}
