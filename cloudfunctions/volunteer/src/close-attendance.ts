/**
 * Timer `close-attendance` (every 10 minutes): closes the attendance of activities that have
 * ended. Invariants (idempotent — running it twice changes nothing the second time):
 * - a check-in without a check-out is closed at the end: hours to the end (never more than the
 *   activity's length nor the community's maxActivityHours), `autoClosed: true`
 *   (flagged for the organiser), points credited through the ledger under the sign-up's key;
 * - a confirmed sign-up never checked in becomes `no_show`;
 * - every step is a conditional update on the state it leaves (`closeAttendance` of
 *   signup-machine.ts, by `applyMove`), and crediting is keyed, so a run
 *   that died halfway is finished by the next; the activity is marked `attendanceClosed` last;
 * - bounded (docs/adr/0041-bounded-jobs): community by community in the ring of
 *   `_shared/jobs.ts`, at most JOB_LIMITS units per run and per community; a community's ended
 *   activities are read by the `community_open_end` index in (endAt, _id) order and their
 *   sign-ups by `activity_state_seq` in (seq, _id) pages, and the community's cursor (the
 *   activity and the sign-up page reached) is saved when its share is spent, so the next run
 *   resumes there; a page redone after a crash changes nothing twice.
 */
import type { Ctx } from '../../_shared/context';
import { forEachCommunity, type CommunityOutcome, type CommunityRun, type JobLimits } from '../../_shared/jobs';
import { encodeCursor, keysOf, sortedBy, whereAfter, type PageOrder } from '../../_shared/paging';
import { pointRules } from '../../_shared/point-rules';
import { applyMove } from '../../_shared/state-machine';
import { capHours } from '../../_shared/schedule-bounds';
import { creditHours } from './attendance';
import { pointsFor, serviceHours } from './rules';
import { signupMachine } from './signup-machine';
import { type ActivityDoc, type SignupDoc } from './store';
import { Collections } from '../../_shared/collections';

const ACTIVITY_PAGE = 10;
const SIGNUP_PAGE = 20;
export const JOB_LIMITS: JobLimits = { budget: 300, perCommunity: 100 };
const ACTIVITY_ORDER: PageOrder = { by: 'endAt', dir: 'asc' };
const SIGNUP_ORDER: PageOrder = { by: 'seq', dir: 'asc' };

/** A community's place: after activity cursor `a`; inside activity `s.id`, after its sign-up cursor. */
interface Place {
  a?: string;
  s?: { id: string; after: string };
}

interface Counts {
  activities: number;
  autoClosed: number;
  noShows: number;
}

/** Closes one sign-up (see the header); charges the budget for its writes. */
async function closeSignup(ctx: Ctx, activity: ActivityDoc, s: SignupDoc, c: CommunityRun<Place>, counts: Counts) {
  const now = ctx.now();
  if (s.state === 'confirmed') {
    c.budget.spend();
    const res = await applyMove(ctx.db, signupMachine, 'closeAttendance', {
      id: s._id,
      from: 'confirmed',
      to: 'no_show',
      update: { updatedAt: now },
    });
    if (res.applied) counts.noShows++;
    return;
  }
  if (s.state === 'checked_in' && s.checkedInAt) {
    c.budget.spend(4);
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
    if (!res.applied) return;
    counts.autoClosed++;
    await creditHours(ctx, activity, s, hours, 1, null);
    return;
  }
  // completed: make good a credit a previous run (or a check-out) may have died before.
  if (s.state === 'completed' && s.creditVersion >= 1) {
    c.budget.spend(2);
    await creditHours(ctx, activity, s, s.hours, s.creditVersion, null);
  }
}

/** Closes an activity from the sign-up cursor `after`; false when the budget ran out first (the place saved). */
async function closeActivity(
  ctx: Ctx,
  activity: ActivityDoc,
  place: Place,
  c: CommunityRun<Place>,
  counts: Counts,
): Promise<boolean> {
  const _ = ctx.db.command;
  let after = place.s?.id === activity._id ? place.s.after : undefined;
  for (;;) {
    if (c.budget.spent) {
      await c.save(after !== undefined ? { ...place, s: { id: activity._id, after } } : place);
      return false;
    }
    c.budget.spend();
    const res = await sortedBy(
      ctx.db
        .collection(Collections.signups)
        .where(
          whereAfter(
            ctx,
            { activityId: activity._id, state: _.in(['checked_in', 'confirmed', 'completed']) },
            after,
            SIGNUP_ORDER,
          ),
        ),
      SIGNUP_ORDER,
    )
      .limit(SIGNUP_PAGE)
      .get();
    const page = (res.data ?? []) as SignupDoc[];
    for (const s of page) {
      await closeSignup(ctx, activity, s, c, counts);
      after = encodeCursor(keysOf(SIGNUP_ORDER)(s));
      if (c.budget.spent && s !== page[page.length - 1]) {
        await c.save({ ...place, s: { id: activity._id, after } });
        return false;
      }
    }
    if (page.length < SIGNUP_PAGE) break;
  }
  c.budget.spend();
  await ctx.db.collection(Collections.activities).doc(activity._id).update({ attendanceClosed: true });
  counts.activities++;
  return true;
}

/** One community's share of a run. */
async function closeCommunity(ctx: Ctx, c: CommunityRun<Place>, counts: Counts): Promise<CommunityOutcome> {
  const _ = ctx.db.command;
  let place: Place = c.state ?? {};
  for (;;) {
    if (c.budget.spent) {
      await c.save(place);
      return 'more';
    }
    c.budget.spend();
    const res = await sortedBy(
      ctx.db
        .collection(Collections.activities)
        .where(
          whereAfter(
            ctx,
            { communityId: c.communityId, attendanceClosed: false, cancelled: false, endAt: _.lt(ctx.now()) },
            place.a,
            ACTIVITY_ORDER,
          ),
        ),
      ACTIVITY_ORDER,
    )
      .limit(ACTIVITY_PAGE)
      .get();
    const ended = (res.data ?? []) as ActivityDoc[];
    for (const activity of ended) {
      if (!(await closeActivity(ctx, activity, place, c, counts))) return 'more';
      place = { a: encodeCursor(keysOf(ACTIVITY_ORDER)(activity)) };
    }
    if (ended.length < ACTIVITY_PAGE) return 'done';
  }
}

export async function closeAttendance({
  ctx,
  limits = JOB_LIMITS,
}: {
  ctx: Ctx;
  limits?: JobLimits;
}): Promise<Counts & { more: boolean }> {
  const counts: Counts = { activities: 0, autoClosed: 0, noShows: 0 };
  const run = await forEachCommunity<Place>(ctx, 'close-attendance', limits, (c) => closeCommunity(ctx, c, counts));
  return { ...counts, more: run.more };
}
