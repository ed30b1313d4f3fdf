/**
 * Wish figures (微心愿): wishes posted in the range by state; the median hours from publication
 * to the first claim and to confirmation; the wish waiting longest on the wall now.
 * Invariants: four aggregations whatever the number of wishes — by state together with the
 * counts of wishes with a claim / a confirmation (one group); each median read as the middle one or two values of the sorted
 * durations (`skip`/`limit` in the database); the oldest unclaimed. Times come from the
 * embedded timeline (first `published`, first `claimed`, first `confirmed`), so a claim that was
 * released still counts as the first claim. Narrowed by estate/building directly.
 */
import type { Overview } from '../../../types/dashboard';
import { WishState } from '../../../types/wish';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { communityCond, inRange, placeCond, type Where } from './where';

const FAR = new Date('9999-01-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One document per wish posted in the range: first published/claimed/confirmed times and flags. */
function milestones(ctx: Ctx, where: Where) {
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const first = (state: string) =>
    $.min($.cond({ if: $.eq(['$timeline.to', state]), then: '$timeline.at', else: FAR }));
  const has = (state: string) => $.max($.cond({ if: $.eq(['$timeline.to', state]), then: 1, else: 0 }));
  return ctx.db
    .collection(Collections.wishes)
    .aggregate()
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

async function median(ctx: Ctx, where: Where, to: 'claim' | 'confirm', n: number): Promise<number | null> {
  const $ = ctx.db.command.aggregate;
  const flag = to === 'claim' ? 'hasClaim' : 'hasConfirm';
  const res = await milestones(ctx, where)
    .match({ hasPub: 1, [flag]: 1 })
    .project({ h: $.divide([$.subtract([`$${to}`, '$pub']), HOUR]) })
    .sort({ h: 1 })
    .skip(n === 0 ? 0 : Math.floor((n - 1) / 2))
    .limit(n % 2 === 0 ? 2 : 1)
    .end();
  const values = ((res.data ?? []) as Array<{ h: number }>).map((r) => r.h);
  if (n === 0 || values.length === 0) return null;
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.round(m * 100) / 100;
}

export async function wishFigures(ctx: Ctx, where: Where): Promise<Overview['wishes']> {
  const $ = ctx.db.command.aggregate;
  const cc = communityCond(ctx, where);
  const has = (state: string) => $.max($.cond({ if: $.eq(['$timeline.to', state]), then: 1, else: 0 }));
  const [counts, oldest] = await Promise.all([
    // Per wish its state and milestones, then in one group the count per state and the numbers
    // of wishes with a claim / a confirmation (the medians' sizes).
    ctx.db
      .collection(Collections.wishes)
      .aggregate()
      .match({ communityId: cc, createdAt: inRange(ctx, where), ...placeCond(where) })
      .project({ state: 1, timeline: 1 })
      .unwind({ path: '$timeline', preserveNullAndEmptyArrays: true })
      .group({
        _id: '$_id',
        state: $.first('$state'),
        hasPub: has('published'),
        hasClaim: has('claimed'),
        hasConfirm: has('confirmed'),
      })
      .group({
        _id: null,
        claims: $.sum($.multiply(['$hasPub', '$hasClaim'])),
        confirms: $.sum($.multiply(['$hasPub', '$hasConfirm'])),
        ...Object.fromEntries(
          WishState.options.map((state) => [state, $.sum($.cond({ if: $.eq(['$state', state]), then: 1, else: 0 }))]),
        ),
      })
      .end(),
    ctx.db
      .collection(Collections.wishes)
      .aggregate()
      .match({ communityId: cc, state: 'published', ...placeCond(where) })
      .project({ title: 1, last: $.arrayElemAt(['$timeline', -1]) })
      .project({ title: 1, publishedAt: '$last.at' })
      .sort({ publishedAt: 1 })
      .limit(1)
      .end(),
  ]);
  const c = ((counts.data ?? []) as Array<Record<string, number>>)[0] ?? {};
  const claims = c['claims'] ?? 0;
  const confirms = c['confirms'] ?? 0;
  const [medianHoursToClaim, medianHoursToConfirm] = await Promise.all([
    median(ctx, where, 'claim', claims),
    median(ctx, where, 'confirm', confirms),
  ]);
  const o = ((oldest.data ?? []) as Array<{ _id: string; title: string; publishedAt: Date | string }>)[0];
  const now = ctx.now().getTime();
  return {
    byState: WishState.options.map((state) => ({ state, count: c[state] ?? 0 })),
    medianHoursToClaim,
    medianHoursToConfirm,
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
