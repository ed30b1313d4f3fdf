/**
 * Timer `close-attendance` (every 10 minutes): closes the attendance of activities that have
 * ended. Invariants (idempotent — running it twice changes nothing the second time):
 * - a check-in without a check-out is closed at the end: hours to the end (never more than the
 *   activity's length nor the community's maxActivityHours), `autoClosed: true`
 *   (flagged for the organiser), points credited through the ledger under the sign-up's key;
 * - a confirmed sign-up never checked in becomes `no_show`;
 * - every step is a conditional update on the state it leaves (`closeAttendance` of
 *   signup-machine.ts, by `applyMove`), and crediting is keyed, so a run
 *   that died halfway is finished by the next; the activity is marked `attendanceClosed` last.
 */
import type { Ctx } from '../../_shared/context';
import { getAll } from '../../_shared/db-helpers';
import { pointRules } from '../../_shared/point-rules';
import { applyMove } from '../../_shared/state-machine';
import { capHours } from '../../_shared/schedule-bounds';
import { creditHours } from './attendance';
import { pointsFor, serviceHours } from './rules';
import { signupMachine } from './signup-machine';
import { type ActivityDoc, type SignupDoc } from './store';
import { Collections } from '../../_shared/collections';

export async function closeAttendance({
  ctx,
}: {
  ctx: Ctx;
}): Promise<{ activities: number; autoClosed: number; noShows: number }> {
  const _ = ctx.db.command;
  const now = ctx.now();
  const ended = await getAll<ActivityDoc>(
    ctx.db.collection(Collections.activities).where({ endAt: _.lt(now), attendanceClosed: false, cancelled: false }),
  );
  let autoClosed = 0;
  let noShows = 0;
  for (const activity of ended) {
    const open = await getAll<SignupDoc>(
      ctx.db
        .collection(Collections.signups)
        .where({ activityId: activity._id, state: _.in(['checked_in', 'confirmed', 'completed']) }),
    );
    for (const s of open) {
      if (s.state === 'confirmed') {
        const res = await applyMove(ctx.db, signupMachine, 'closeAttendance', {
          id: s._id,
          from: 'confirmed',
          to: 'no_show',
          update: { updatedAt: now },
        });
        if (res.applied) noShows++;
        continue;
      }
      if (s.state === 'checked_in' && s.checkedInAt) {
        const { maxActivityHours } = await pointRules(ctx, activity.communityId);
        const hours = capHours(
          serviceHours(s.checkedInAt, activity.endAt, activity.startAt, activity.endAt),
          activity,
          maxActivityHours,
        );
        const change = {
          state: 'completed' as const,
          checkedOutAt: new Date(activity.endAt),
          hours,
          points: hours > 0 ? pointsFor(hours, activity.pointsPerHour) : 0,
          autoClosed: true,
          creditVersion: hours > 0 ? 1 : 0,
          updatedAt: now,
        };
        const res = await applyMove(ctx.db, signupMachine, 'closeAttendance', {
          id: s._id,
          from: 'checked_in',
          to: 'completed',
          update: change,
        });
        if (!res.applied) continue;
        autoClosed++;
        await creditHours(ctx, activity, s, hours, 1, null);
        continue;
      }
      // completed: make good a credit a previous run (or a check-out) may have died before.
      if (s.state === 'completed' && s.creditVersion >= 1) {
        await creditHours(ctx, activity, s, s.hours, s.creditVersion, null);
      }
    }
    await ctx.db.collection(Collections.activities).doc(activity._id).update({ attendanceClosed: true });
  }
  return { activities: ended.length, autoClosed, noShows };
}
