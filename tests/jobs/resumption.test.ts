/**
 * Bounded scheduled jobs (docs/adr/0041-bounded-jobs): each job's run is cut off by a small
 * budget (or a simulated crash) part-way, and the next run resumes from the cursor it saved in
 * `job_cursors` — neither redoing what was done (every move happens once) nor skipping what was
 * left — and a community with a backlog delays no other.
 */
import { SimulatedCrash } from '../../cloudfunctions/_shared/crash-points';
import { closeWindows } from '../../cloudfunctions/deliberation/src/close-windows';
import { closeQuartersJob } from '../../cloudfunctions/points/src/close-quarters-job';
import { reconcileJob as pointsReconcile } from '../../cloudfunctions/points/src/reconcile';
import { closeAttendance } from '../../cloudfunctions/volunteer/src/close-attendance';
import { expireAndRelease } from '../../cloudfunctions/wish/src/expire-and-release';
import { DEMO, OTHER, startFixture, type Fixture } from '../support/fixtures';
import { resetCrashPointsAfterEach } from '../support/crash-points';
import { localCtx } from '../support/local-ctx';
import { untilDone } from '../support/jobs';
import { setTopic, topicIn } from '../deliberation/helpers';
import { setWish, wishIn } from '../wish/helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());
resetCrashPointsAfterEach({ quiet: true });

const DAY = 24 * 3600_000;
const cursorOf = (id: string) => f.find('job_cursors', { _id: id })[0];

describe('close-quarters', () => {
  // 01:30 China time on 2027-07-01: the job closes 2027Q2, which nobody has closed.
  const at = new Date('2027-06-30T17:30:00Z');
  const ctx = () => localCtx({ now: () => at });

  test('close-quarters resumes at the next community after a run cut off mid-way, and later runs find the quarter finished', async () => {
    const communities = f
      .find('communities')
      .map((c) => c._id as string)
      .sort();
    expect(communities.length).toBeGreaterThan(1);
    const first = await closeQuartersJob({ ctx: ctx(), limits: { budget: 1, perCommunity: 6 } });
    expect(first).toMatchObject({ quarter: '2027Q2', closed: [communities[0]], more: true });
    expect(cursorOf('close-quarters')).toMatchObject({ scope: '2027Q2', after: communities[0] });

    const rest = await untilDone(() => closeQuartersJob({ ctx: ctx(), limits: { budget: 1, perCommunity: 6 } }));
    const closed = [first, ...rest].flatMap((r) => r.closed);
    expect(closed).toEqual(communities);
    expect(f.find('quarter_results', { quarter: '2027Q2' })).toHaveLength(communities.length);
    expect(cursorOf('close-quarters')).toMatchObject({ scope: '2027Q2', finished: true });

    const requests = await f.requestsOf(() => closeQuartersJob({ ctx: ctx() }));
    expect(requests.result).toMatchObject({ closed: [], alreadyClosed: [], more: false });
    expect(requests.requests).toBe(1);
  });

  test('close-quarters after a run that died between a result and its audit finishes the audit once, and stores one result', async () => {
    const later = new Date('2027-09-30T17:30:00Z');
    process.env.HONGSE_CRASH_AT = 'points.close-quarter.after-result';
    await expect(closeQuartersJob({ ctx: localCtx({ now: () => later }) })).rejects.toBeInstanceOf(SimulatedCrash);
    delete process.env.HONGSE_CRASH_AT;
    expect(f.find('quarter_results', { quarter: '2027Q3' })).toEqual([expect.objectContaining({ audited: false })]);
    await untilDone(() => closeQuartersJob({ ctx: localCtx({ now: () => later }) }));
    const results = f.find('quarter_results', { quarter: '2027Q3' });
    expect(results.every((r) => r.audited === true)).toBe(true);
    expect(results).toHaveLength(f.find('communities').length);
  });
});

describe('close-attendance', () => {
  const ended = new Date(Date.now() - DAY);
  function seedActivity(id: string, communityId: string, signups: number) {
    f.insert('activities', [
      {
        _id: id,
        communityId,
        title: `结束的活动 ${id}`,
        startAt: new Date(ended.getTime() - 2 * 3600_000),
        endAt: ended,
        attendanceClosed: false,
        cancelled: false,
        pointsPerHour: 2,
        quota: signups,
      },
    ]);
    f.insert(
      'signups',
      Array.from({ length: signups }, (_, i) => ({
        _id: `${id}-s${String(i).padStart(3, '0')}`,
        activityId: id,
        communityId,
        userId: `user-${id}-${i}`,
        state: 'confirmed',
        seq: i + 1,
        endAt: ended,
        updatedAt: ended,
      })),
    );
  }

  test('close-attendance resumes mid-activity from the saved sign-up cursor, a community with a backlog delays no other, and every sign-up moves once', async () => {
    // 东湖 comes first in the ring (ids in order) and holds the backlog; 幸福里 has a small activity.
    expect(OTHER < DEMO).toBe(true);
    seedActivity('act-big', OTHER, 45);
    seedActivity('act-small', DEMO, 2);
    const limits = { budget: 20, perCommunity: 6 };
    const ctx = localCtx();
    const first = await closeAttendance({ ctx, limits });
    expect(first.more).toBe(true);
    // 东湖 was cut off inside its activity, its place saved; 幸福里 was served in the same run.
    const noShows = () => f.find('signups', { activityId: 'act-big', state: 'no_show' }).length;
    const cutAt = noShows();
    expect(cutAt).toBeGreaterThan(0);
    expect(cutAt).toBeLessThan(45);
    expect(cursorOf(`close-attendance:${OTHER}`)?.state).toMatchObject({ s: { id: 'act-big' } });
    expect(f.find('activities', { _id: 'act-small' })[0]).toMatchObject({ attendanceClosed: true });

    const rest = await untilDone(() => closeAttendance({ ctx, limits }));
    expect(noShows()).toBe(45);
    // Each sign-up moved exactly once across the runs (a redone one would not count: its move is conditional).
    expect([first, ...rest].reduce((n, r) => n + r.noShows, 0)).toBe(47);
    expect(f.find('activities', { _id: 'act-big' })[0]).toMatchObject({ attendanceClosed: true });
    expect(cursorOf(`close-attendance:${OTHER}`)?.state ?? null).toBeNull();
  });

  test('close-attendance after a crash right after saving its cursor resumes there and closes the activity', async () => {
    seedActivity('act-crash', DEMO, 30);
    process.env.HONGSE_CRASH_AT = 'job.close-attendance.after-save';
    await expect(closeAttendance({ ctx: localCtx(), limits: { budget: 10, perCommunity: 10 } })).rejects.toBeInstanceOf(
      SimulatedCrash,
    );
    delete process.env.HONGSE_CRASH_AT;
    const before = f.find('signups', { activityId: 'act-crash', state: 'no_show' }).length;
    expect(before).toBeGreaterThan(0);
    const runs = await untilDone(() => closeAttendance({ ctx: localCtx(), limits: { budget: 10, perCommunity: 10 } }));
    expect(runs.reduce((n, r) => n + r.noShows, 0)).toBe(30 - before);
    expect(f.find('activities', { _id: 'act-crash' })[0]).toMatchObject({ attendanceClosed: true });
  });
});

describe('close-windows', () => {
  test('close-windows resumes after the last topic it archived when a run is cut off inside a community', async () => {
    const ids = [await topicIn(f, 'evaluate'), await topicIn(f, 'evaluate'), await topicIn(f, 'evaluate')];
    for (const id of ids) setTopic(f, id, { evaluationEndsAt: new Date(Date.now() - 60_000) });
    const limits = { budget: 7, perCommunity: 7 };
    const first = await closeWindows({ ctx: localCtx(), limits });
    expect(first).toMatchObject({ archived: 1, more: true });
    expect(cursorOf(`close-windows:${DEMO}`)?.state).toMatchObject({ sweep: 1 });
    const rest = await untilDone(() => closeWindows({ ctx: localCtx(), limits }));
    expect([first, ...rest].reduce((n, r) => n + r.archived, 0)).toBe(3);
    for (const id of ids) expect(f.find('topics', { _id: id })[0]!.step).toBe('archived');
  });
});

describe('expire-and-release', () => {
  test('expire-and-release resumes from its saved cursor, and a community with a backlog delays no other', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await wishIn(f, 'published');
      await setWish(f, id, { wantedByEnd: new Date(Date.now() - DAY) });
      ids.push(id);
    }
    // One expired wish in 东湖 too, after 幸福里 in the ring's order (or before: either way served in the first runs).
    const copy = { ...f.find('wishes', { _id: ids[0] })[0]!, _id: 'wish-donghu-late', communityId: OTHER };
    f.insert('wishes', [copy]);
    const limits = { budget: 12, perCommunity: 5 };
    const first = await expireAndRelease({ ctx: localCtx(), limits });
    expect(first.more).toBe(true);
    // 幸福里 got its share (one wish), and 东湖 was served in the same run.
    expect(first.expired).toBe(2);
    expect(f.find('wishes', { _id: 'wish-donghu-late' })[0]!.state).toBe('expired');
    const rest = await untilDone(() => expireAndRelease({ ctx: localCtx(), limits }));
    expect([first, ...rest].reduce((n, r) => n + r.expired, 0)).toBe(5);
    for (const id of ids) expect(f.find('wishes', { _id: id })[0]!.state).toBe('expired');
    // A further run finds nothing and writes nothing.
    const again = await f.expectNothingWritten(() => expireAndRelease({ ctx: localCtx() }));
    expect(again).toMatchObject({ released: 0, expired: 0, credited: 0, more: false });
  });
});

describe('reconcile timers', () => {
  test('the points reconcile timer, cut off by a small budget, resumes from its keyset cursor and repairs every drifted balance exactly once', async () => {
    f.insert(
      'point_balances',
      Array.from({ length: 130 }, (_, i) => ({
        _id: `drift-${String(i).padStart(3, '0')}`,
        communityId: DEMO,
        userId: `user-drift-${String(i).padStart(3, '0')}`,
        balance: 5,
        quarters: {},
        updatedAt: new Date(),
      })),
    );
    const repaired: string[] = [];
    let runs = 0;
    for (; runs < 40 && repaired.length < 130; runs++) {
      const r = await pointsReconcile({ ctx: localCtx(), limits: { budget: 6, perCommunity: 6 } });
      repaired.push(...r.repaired.filter((x) => x.id.startsWith('drift-')).map((x) => x.id));
    }
    expect(runs).toBeGreaterThan(1);
    expect([...repaired].sort()).toEqual(Array.from({ length: 130 }, (_, i) => `drift-${String(i).padStart(3, '0')}`));
    expect(f.find('point_balances', { balance: 5 }).filter((b) => String(b._id).startsWith('drift-'))).toEqual([]);
  });
});
