/**
 * Wish figures (微心愿): wishes posted in the range by state; the median hours from publication
 * to the first claim and to confirmation; the wish waiting longest on the wall now.
 * Invariants: four aggregations whatever the number of wishes, none depending on another — by
 * state (one group); each median as the middle one or two values of the sorted durations
 * (picked in the database); the oldest unclaimed. Times come from the
 * embedded timeline (first `published`, first `claimed`, first `confirmed`), so a claim that was
 * released still counts as the first claim. Narrowed by estate/building directly.
 */
import type { Overview } from '../../../types/dashboard';
import { WishState } from '../../../types/wish';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { communityCond, inRange, placeCond, runPart, type Part, type Pipeline, type Where } from './where';

const FAR = new Date('9999-01-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One document per wish posted in the range: first published/claimed/confirmed times and flags. */
function milestones(ctx: Ctx, where: Where, pipeline: Pipeline): Pipeline {
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const first = (state: string) =>
    $.min($.cond({ if: $.eq(['$timeline.to', state]), then: '$timeline.at', else: FAR }));
  const has = (state: string) => $.max($.cond({ if: $.eq(['$timeline.to', state]), then: 1, else: 0 }));
  return pipeline
    .match({ communityId: communityCond(ctx, where), createdAt: inRange(ctx, where), ...placeCond(where) })
    .project({ timeline: 1 })
    .unwind('$timeline')
    .match({ 'timeline.to': _.in(['published', 'claimed', 'confirmed']) })
    .group({
      _id: '$_id',
      pub: first('published'),
      claim: first('claimed'),
      confirm: first('confirmed'),
      hasPub: has('published'),
      hasClaim: has('claimed'),
      hasConfirm: has('confirmed'),
    });
}

/**
 * The median's middle one or two values: the sorted durations gathered in one document (`$push`
 * keeps the sort's order), of which the database returns the middle — the one at ⌊(n−1)/2⌋, and
 * the next one too when n is even. No row when no wish has the milestone.
 */
function medianPart(ctx: Ctx, where: Where, to: 'claim' | 'confirm'): Part {
  const $ = ctx.db.command.aggregate;
  const flag = to === 'claim' ? 'hasClaim' : 'hasConfirm';
  const n = $.size('$hs');
  return {
    from: Collections.wishes,
    build: (pipeline) =>
      milestones(ctx, where, pipeline)
        .match({ hasPub: 1, [flag]: 1 })
        .project({ h: $.divide([$.subtract([`$${to}`, '$pub']), HOUR]) })
        .sort({ h: 1 })
        .group({ _id: null, hs: $.push('$h') })
        .project({
          _id: 0,
          middle: $.slice(['$hs', $.floor($.divide([$.subtract([n, 1]), 2])), $.subtract([2, $.mod([n, 2])])]),
        }),
  };
}

function medianOf(rows: unknown[]): number | null {
  const values = (rows as Array<{ middle: number[] }>)[0]?.middle ?? [];
  if (values.length === 0) return null;
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.round(m * 100) / 100;
}

/** The four aggregations of the wish figures (run as one request by the overview). */
export function wishParts(ctx: Ctx, where: Where): Record<'counts' | 'oldest' | 'toClaim' | 'toConfirm', Part> {
  const $ = ctx.db.command.aggregate;
  const cc = communityCond(ctx, where);
  return {
    // The wishes posted in the range, counted per state in one group.
    counts: {
      from: Collections.wishes,
      build: (pipeline) =>
        pipeline.match({ communityId: cc, createdAt: inRange(ctx, where), ...placeCond(where) }).group({
          _id: null,
          ...Object.fromEntries(
            WishState.options.map((state) => [state, $.sum($.cond({ if: $.eq(['$state', state]), then: 1, else: 0 }))]),
          ),
        }),
    },
    oldest: {
      from: Collections.wishes,
      build: (pipeline) =>
        pipeline
          .match({ communityId: cc, state: 'published', ...placeCond(where) })
          .project({ title: 1, last: $.arrayElemAt(['$timeline', -1]) })
          .project({ title: 1, publishedAt: '$last.at' })
          .sort({ publishedAt: 1 })
          .limit(1),
    },
    toClaim: medianPart(ctx, where, 'claim'),
    toConfirm: medianPart(ctx, where, 'confirm'),
  };
}

export async function wishFigures(ctx: Ctx, where: Where): Promise<Overview['wishes']> {
  const parts = wishParts(ctx, where);
  const [counts, oldest, toClaim, toConfirm] = await Promise.all([
    runPart(ctx, parts.counts),
    runPart(ctx, parts.oldest),
    runPart(ctx, parts.toClaim),
    runPart(ctx, parts.toConfirm),
  ]);
  return wishesOf(ctx, { counts, oldest, toClaim, toConfirm });
}

export function wishesOf(
  ctx: Ctx,
  rows: Record<'counts' | 'oldest' | 'toClaim' | 'toConfirm', unknown[]>,
): Overview['wishes'] {
  const c = (rows.counts as Array<Record<string, number>>)[0] ?? {};
  const o = (rows.oldest as Array<{ _id: string; title: string; publishedAt: Date | string }>)[0];
  const now = ctx.now().getTime();
  return {
    byState: WishState.options.map((state) => ({ state, count: c[state] ?? 0 })),
    medianHoursToClaim: medianOf(rows.toClaim),
    medianHoursToConfirm: medianOf(rows.toConfirm),
    oldestUnclaimed: o
      ? {
          id: o._id,
          title: o.title,
          publishedAt: new Date(o.publishedAt).toISOString(),
          ageDays: Math.floor((now - new Date(o.publishedAt).getTime()) / DAY),
        }
      : null,
  };
}
