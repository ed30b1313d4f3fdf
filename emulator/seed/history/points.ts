/**
 * The points side of the year, after every other module has earned its credits: an admin's
 * adjustment with a written reason (and one reversed), each finished quarter closed by the
 * scheduler at 01:00 on the first day of the next (so the last quarter's assessment is frozen
 * and ranked), and the year-end two-way evaluation of the members and the work units in January.
 */
import { cstParts, fromCst, nextQuarter, quarterOf, quarterRange } from '../../../types/time';
import { COMMUNITY, P, type Cast } from './cast';
import type { History } from './runner';

const grades = ['excellent', 'qualified', 'qualified', 'basically_qualified'] as const;
const comments: Record<(typeof grades)[number], string> = {
  excellent: '报到后积极参加主题党日和志愿服务，认领心愿多次，群众评价高。',
  qualified: '能按要求参加组织生活和社区活动。',
  basically_qualified: '参加社区活动次数偏少，希望多参与楼栋服务。',
};

export async function pointsHistory(h: History, cast: Cast, founded: Date): Promise<Record<string, number>> {
  const counts = { adjustments: 0, closedQuarters: 0, ratings: 0 };
  // Adjustments: flood-season duty credited; a mistaken double credit reversed.
  h.on(-150, 16);
  const member = cast.person(P.member);
  await h.call(P.admin, 'points', 'adjustPoints', {
    communityId: COMMUNITY,
    userId: member.userId,
    amount: 5,
    reason: '汛期连续三晚参加小区防汛值守',
  });
  counts.adjustments++;
  const retired = cast.members('retired')[1]!;
  const entry = await h.call<{ id: string }>(P.admin, 'points', 'adjustPoints', {
    communityId: COMMUNITY,
    userId: retired.userId,
    amount: 3,
    reason: '协助社区开展人口普查入户登记',
  });
  counts.adjustments++;
  h.on(-149, 9);
  await h.call(P.admin, 'points', 'reverseEntry', {
    entryId: entry.id,
    reason: '该项工作已按志愿服务时长计分，重复加分予以冲正',
  });

  // Every quarter that ended since the community was founded is closed by the scheduler.
  const current = quarterOf(h.today);
  for (let q = nextQuarter(quarterOf(founded)); ; q = nextQuarter(q)) {
    // The close-quarters job runs at 01:00 on a quarter's first day and closes the one before.
    const start = quarterRange(q).start;
    if (start.getTime() > h.today.getTime()) break;
    h.at(new Date(start.getTime() + 3600_000));
    await h.timer('points', 'close-quarters');
    counts.closedQuarters++;
    if (q === current) break;
  }

  // Year-end two-way evaluation, in the January after the year.
  const jan = latestJanuaryTenth(h.today);
  if (jan.getTime() > founded.getTime()) {
    h.at(jan);
    const year = cstParts(jan).year - 1;
    for (const [i, m] of cast.members().entries()) {
      const grade = grades[i % grades.length]!;
      await h.call(P.admin, 'points', 'rate', {
        communityId: COMMUNITY,
        year,
        target: 'member',
        targetId: m.userId,
        grade,
        comment: comments[grade],
      });
      counts.ratings++;
    }
    for (const [unit, grade] of [
      ['wu-tax', 'excellent'],
      ['wu-hospital', 'excellent'],
      ['wu-school', 'qualified'],
    ] as const) {
      await h.call(P.admin, 'points', 'rate', {
        communityId: COMMUNITY,
        year,
        target: 'work_unit',
        targetId: unit,
        grade,
        comment:
          grade === 'excellent' ? '单位党员报到率高，常态化参与社区服务。' : '按要求组织党员报到，参与度有待提高。',
      });
      counts.ratings++;
    }
  }
  return counts;
}

/** 10 January, 10:00 China time, of the latest year in which it lies before `today`. */
function latestJanuaryTenth(today: Date): Date {
  const year = cstParts(today).year;
  const thisYear = fromCst(year, 1, 10, 10);
  return thisYear.getTime() < today.getTime() ? thisYear : fromCst(year - 1, 1, 10, 10);
}
