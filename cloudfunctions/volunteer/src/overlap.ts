/**
 * The overlap warning: the caller's confirmed (or checked-in) sign-ups for other activities
 * whose [start, end] overlaps this one's. A warning only — it never refuses. One query (a second
 * for the titles only when an older sign-up has no copy of its activity's title);
 * `mineAndOverlap` reads the caller's own sign-up of this activity in that same query.
 * A sign-up reads no query of its own: its caller's read joins their upcoming places
 * (`upcomingPipeline`, at most UPCOMING_MAX, soonest first) and `overlapFromUpcoming` picks the
 * overlapping ones — exact, because a sign-up is made before its activity's deadline, which is
 * not after its start, so every place overlapping the activity ends after now; only a caller
 * with UPCOMING_MAX or more upcoming places (the list may be cut) falls back to the query.
 */
import { formatCst } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import { signupId, type ActivityDoc, type SignupDoc } from './store';
import { Collections } from '../../_shared/collections';

/** How many overlapping sign-ups the warning names at most. */
const OVERLAP_MAX = 20;
/** How many of the caller's upcoming places a sign-up's caller read joins. */
export const UPCOMING_MAX = 30;

type Span = Pick<ActivityDoc, '_id' | 'startAt' | 'endAt'>;

function overlapping(ctx: Ctx, userId: string, activity: Span) {
  const _ = ctx.db.command;
  return {
    userId,
    state: _.in(['confirmed', 'checked_in']),
    startAt: _.lt(new Date(activity.endAt)),
    endAt: _.gt(new Date(activity.startAt)),
  };
}

/**
 * The caller's upcoming places (confirmed or checked in, ending after `now`), soonest first, at
 * most UPCOMING_MAX — as the sub-pipeline of a `$lookup` on the caller's user row (`let: { uid:
 * '$_id' }`; an index read of `user_start`).
 */
export function upcomingPipeline(ctx: Ctx, now: Date): unknown {
  const _ = ctx.db.command;
  const $ = _.aggregate;
  return $.pipeline()
    .match(_.expr($.eq(['$userId', '$$uid'])))
    .match({ state: _.in(['confirmed', 'checked_in']), endAt: _.gt(now) })
    .sort({ startAt: 1 })
    .limit(UPCOMING_MAX)
    .done();
}

/**
 * The overlap warning from the caller's upcoming places read with `upcomingPipeline` (at `now`
 * no later than the activity's deadline); the query when that list may have been cut.
 */
export async function overlapFromUpcoming(
  ctx: Ctx,
  userId: string,
  activity: Span,
  upcoming: SignupDoc[],
): Promise<string | null> {
  if (upcoming.length >= UPCOMING_MAX) return overlapWarning(ctx, userId, activity);
  const start = new Date(activity.startAt).getTime();
  const end = new Date(activity.endAt).getTime();
  const docs = upcoming.filter((s) => new Date(s.startAt).getTime() < end && new Date(s.endAt).getTime() > start);
  return warningOf(ctx, activity, docs.slice(0, OVERLAP_MAX));
}

export async function overlapWarning(ctx: Ctx, userId: string, activity: Span): Promise<string | null> {
  const res = await ctx.db
    .collection(Collections.signups)
    .where(overlapping(ctx, userId, activity))
    .limit(OVERLAP_MAX)
    .get();
  return warningOf(ctx, activity, res.data as SignupDoc[]);
}

/**
 * The caller's own sign-up of this activity (any state, or null) and the overlap warning, in
 * one query: the sign-up by its `_id`, or the overlapping ones.
 */
export async function mineAndOverlap(
  ctx: Ctx,
  userId: string,
  activity: Span,
): Promise<{ mine: SignupDoc | null; warning: string | null }> {
  const _ = ctx.db.command;
  const id = signupId(activity._id, userId);
  const res = await ctx.db
    .collection(Collections.signups)
    .where(_.or([{ _id: id }, overlapping(ctx, userId, activity)]))
    .limit(OVERLAP_MAX + 1)
    .get();
  const docs = res.data as SignupDoc[];
  return { mine: docs.find((s) => s._id === id) ?? null, warning: await warningOf(ctx, activity, docs) };
}

async function warningOf(ctx: Ctx, activity: Span, docs: SignupDoc[]): Promise<string | null> {
  const _ = ctx.db.command;
  const others = docs.filter((s) => s.activityId !== activity._id);
  if (others.length === 0) return null;
  const label = (title: string, startAt: Date) => `“${title}”（${formatCst(startAt)}）`;
  if (others.every((s) => s.activityTitle !== undefined)) {
    return `时间提醒：您已报名的${others.map((s) => label(s.activityTitle!, s.startAt)).join('、')}与本活动时间重叠，请合理安排。`;
  }
  const ids = others.map((s) => s.activityId);
  const acts = await ctx.db
    .collection(Collections.activities)
    .where({ _id: _.in(ids) })
    .limit(ids.length)
    .get();
  const titles = (acts.data as ActivityDoc[]).map((a) => label(a.title, a.startAt));
  return `时间提醒：您已报名的${titles.join('、') || '其他活动'}与本活动时间重叠，请合理安排。`;
}
