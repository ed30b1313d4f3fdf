/**
 * Volunteer hours (志愿服务时长) of completed sign-ups whose activity ended in the range, by month
 * (Asia/Shanghai) and by activity category. Invariants: one aggregation — sign-ups grouped by
 * activity and month, joined to their activity for its category, regrouped by category and
 * month; the few rows (categories × months) are folded into the two series here; hours are the
 * sign-up's current (corrected) hours; community-wide.
 */
import type { Overview } from '../../../types/dashboard';
import { SHANGHAI_OFFSET_MINUTES } from '../../../types/time';
import { ActivityCategory } from '../../../types/volunteer';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { AGGREGATE_LIMIT, communityCond, inRange, runPart, type Part, type Where } from './where';

/** Shanghai's offset, for the database's month of `endAt` (the database has no dayjs). */
const CST = SHANGHAI_OFFSET_MINUTES * 60_000;
const round = (n: number) => Math.round(n * 100) / 100;

export function volunteerPart(ctx: Ctx, where: Where): Part {
  const $ = ctx.db.command.aggregate;
  return {
    from: Collections.signups,
    build: (pipeline) =>
      pipeline
        .match({ communityId: communityCond(ctx, where), state: 'completed', endAt: inRange(ctx, where) })
        .group({
          _id: { a: '$activityId', m: $.dateToString({ date: $.add(['$endAt', CST]), format: '%Y-%m' }) },
          hours: $.sum('$hours'),
        })
        .project({ activityId: '$_id.a', month: '$_id.m', hours: 1 })
        .lookup({ from: Collections.activities, localField: 'activityId', foreignField: '_id', as: 'act' })
        .unwind('$act')
        .group({ _id: { c: '$act.category', m: '$month' }, hours: $.sum('$hours') })
        .limit(AGGREGATE_LIMIT),
  };
}

export async function volunteerFigures(ctx: Ctx, where: Where): Promise<Overview['volunteer']> {
  return volunteerOf(await runPart(ctx, volunteerPart(ctx, where)));
}

export function volunteerOf(list: unknown[]): Overview['volunteer'] {
  const rows = list as Array<{ _id: { c: string; m: string }; hours: number }>;
  const months = new Map<string, number>();
  const categories = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    months.set(r._id.m, (months.get(r._id.m) ?? 0) + r.hours);
    categories.set(r._id.c, (categories.get(r._id.c) ?? 0) + r.hours);
    total += r.hours;
  }
  return {
    totalHours: round(total),
    byMonth: [...months.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, h]) => ({ month, hours: round(h) })),
    byCategory: ActivityCategory.options
      .filter((c) => categories.has(c))
      .map((category) => ({ category, hours: round(categories.get(category) ?? 0) })),
  };
}
