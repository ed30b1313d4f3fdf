/**
 * The overlap warning: the caller's confirmed (or checked-in) sign-ups for other activities
 * whose [start, end] overlaps this one's. A warning only — it never refuses. One query (a second
 * for the titles only when an older sign-up has no copy of its activity's title).
 */
import { formatCst } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import { C, type ActivityDoc, type SignupDoc } from './store';

export async function overlapWarning(
  ctx: Ctx,
  userId: string,
  activity: Pick<ActivityDoc, '_id' | 'startAt' | 'endAt'>,
): Promise<string | null> {
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(C.signups)
    .where({
      userId,
      state: _.in(['confirmed', 'checked_in']),
      startAt: _.lt(new Date(activity.endAt)),
      endAt: _.gt(new Date(activity.startAt)),
    })
    .limit(20)
    .get();
  const others = (res.data as SignupDoc[]).filter((s) => s.activityId !== activity._id);
  if (others.length === 0) return null;
  const label = (title: string, startAt: Date) => `“${title}”（${formatCst(startAt)}）`;
  if (others.every((s) => s.activityTitle !== undefined)) {
    return `时间提醒：您已报名的${others.map((s) => label(s.activityTitle!, s.startAt)).join('、')}与本活动时间重叠，请合理安排。`;
  }
  const ids = others.map((s) => s.activityId);
  const acts = await ctx.db
    .collection(C.activities)
    .where({ _id: _.in(ids) })
    .limit(ids.length)
    .get();
  const titles = (acts.data as ActivityDoc[]).map((a) => `“${a.title}”（${formatCst(a.startAt)}）`);
  return `时间提醒：您已报名的${titles.join('、') || '其他活动'}与本活动时间重叠，请合理安排。`;
}
