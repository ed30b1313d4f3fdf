/**
 * The periods of the timed steps (意见收集, 投票, 公示, 评估): set in days when the step opens,
 * counted from the server's clock, 7 by default, 1–30; the move out of 投票, 公示 and 评估 is
 * refused before the period ends and allowed once the (local, movable) clock has passed it.
 */
import { BallotReceipt, TopicDetail } from '../../types/deliberation';
import { moveLocalClock, resetLocalClock } from '../../emulator/host/clock';
import { startFixture, type Fixture } from '../support/fixtures';
import { expectError, expectOk, openInput, openTopic, P, topicIn } from './helpers';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let f: Fixture;
let savedLocal: string | undefined;
beforeAll(async () => {
  f = await startFixture();
  savedLocal = process.env.HONGSE_LOCAL;
  // The emulator's function host: the handler follows the movable local clock.
  process.env.HONGSE_LOCAL = '1';
});
afterAll(async () => {
  resetLocalClock();
  if (savedLocal === undefined) delete process.env.HONGSE_LOCAL;
  else process.env.HONGSE_LOCAL = savedLocal;
  await f.stop();
});
afterEach(() => resetLocalClock());

const call = (openid: string, action: string, data: unknown) => f.call(openid, 'deliberation', action, data);
const detail = async (openid: string, action: string, data: unknown) =>
  expectOk(await call(openid, action, data), TopicDetail);
/** How long from the topic's last move (the step opening, on the server clock) until `iso`. */
const length = (t: TopicDetail, iso: string) => Date.parse(iso) - Date.parse(t.history.at(-1)!.at);

/** The households of 1号楼 with a resident to vote for them, one voter each. */
function building1Voters(): string[] {
  const roles = f.find('roles', { kind: 'resident', buildingId: 'bld-xfl-1' });
  const users = new Map(f.find('users').map((u) => [u._id, u.openid as string]));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of roles) {
    if (seen.has(r.householdId)) continue;
    seen.add(r.householdId);
    out.push(users.get(r.userId)!);
  }
  return out;
}

async function refusedWritingNothing(action: string, data: unknown, code: string, reason: string, field?: string) {
  const res = await f.expectNothingWritten(() => call(P.leader, action, data));
  expectError(res, code, reason);
  if (field) expect(Object.keys(res.error.fields ?? {})).toContain(field);
}

describe('意见收集', () => {
  test('opens for 7 days from the server clock when no period is given', async () => {
    const { collectEndsAt: _unused, ...noEnd } = openInput();
    const topic = await detail(P.leader, 'open', noEnd);
    expect(length(topic, topic.collectEndsAt)).toBe(7 * DAY);
  });

  test('opens for the days the leader chose', async () => {
    const { collectEndsAt: _unused, ...noEnd } = openInput();
    const topic = await detail(P.leader, 'open', { ...noEnd, collectDays: 3 });
    expect(length(topic, topic.collectEndsAt)).toBe(3 * DAY);
  });

  test('refuses a period under 1 day, over 30 days, not whole, or given twice, writing nothing', async () => {
    const { collectEndsAt: _unused, ...noEnd } = openInput();
    for (const collectDays of [0, 31, 1.5, -7]) {
      await refusedWritingNothing(
        'open',
        { ...noEnd, collectDays },
        'VALIDATION',
        Number.isInteger(collectDays) ? 'topic.bad-period' : 'input.invalid',
        'collectDays',
      );
    }
    const tooFar = new Date(Date.now() + 31 * DAY).toISOString();
    await refusedWritingNothing(
      'open',
      { ...noEnd, collectEndsAt: tooFar },
      'VALIDATION',
      'topic.bad-period',
      'collectEndsAt',
    );
    await refusedWritingNothing('open', openInput({ collectDays: 7 }), 'VALIDATION', 'topic.bad-period', 'collectDays');
  });

  test('may be ended early by the leader (结束收集): the collection then ends at that moment', async () => {
    const { collectEndsAt: _unused, ...noEnd } = openInput();
    const topic = await detail(P.leader, 'open', { ...noEnd, collectDays: 14 });
    moveLocalClock(DAY);
    const review = await detail(P.leader, 'advance', { topicId: topic.id, to: 'review' });
    expect(review.step).toBe('review');
    expect(Math.abs(Date.parse(review.collectEndsAt) - Date.parse(review.history.at(-1)!.at))).toBeLessThan(1000);
    expect(Date.parse(review.collectEndsAt) - Date.parse(topic.collectEndsAt)).toBeLessThan(-12 * DAY);
  });

  test('counts from the moved clock: a day count ends 7 days after the demo’s now, not the machine’s', async () => {
    moveLocalClock(10 * DAY);
    const { collectEndsAt: _unused, ...noEnd } = openInput();
    const topic = await detail(P.leader, 'open', noEnd);
    expect(Date.parse(topic.now) - Date.now()).toBeGreaterThan(10 * DAY - HOUR);
    expect(length(topic, topic.collectEndsAt)).toBe(7 * DAY);
    // An exact end that is in the machine's future but the demo's past is refused.
    const stale = new Date(Date.now() + 2 * DAY).toISOString();
    await refusedWritingNothing('open', { ...noEnd, collectEndsAt: stale }, 'VALIDATION', 'topic.bad-window');
  });
});

describe('投票 and the 公示 that follows it', () => {
  test('voting opens for 7 days with a 7-day 公示 by default', async () => {
    const topicId = await topicIn(f, 'review');
    const topic = await detail(P.leader, 'advance', { topicId, to: 'vote', rule: 'simple' });
    expect(topic.step).toBe('vote');
    expect(Date.parse(topic.vote!.closesAt) - Date.parse(topic.vote!.opensAt)).toBe(7 * DAY);
    expect(topic.vote!.noticeDays).toBe(7);
  });

  test('refuses a voting or 公示 period outside 1–30 days, writing nothing', async () => {
    const topicId = await topicIn(f, 'review');
    const base = { topicId, to: 'vote', rule: 'simple' };
    await refusedWritingNothing('advance', { ...base, voteDays: 0 }, 'VALIDATION', 'topic.bad-period', 'voteDays');
    await refusedWritingNothing('advance', { ...base, voteDays: 31 }, 'VALIDATION', 'topic.bad-period', 'voteDays');
    await refusedWritingNothing('advance', { ...base, noticeDays: 0 }, 'VALIDATION', 'topic.bad-period', 'noticeDays');
    await refusedWritingNothing('advance', { ...base, noticeDays: 45 }, 'VALIDATION', 'topic.bad-period', 'noticeDays');
  });

  test('the vote closes only after its period; then 公示 runs for the days chosen and refuses 执行 until it ends', async () => {
    const topicId = await topicIn(f, 'review');
    const opened = await detail(P.leader, 'advance', {
      topicId,
      to: 'vote',
      rule: 'simple',
      voteDays: 3,
      noticeDays: 5,
    });
    expect(Date.parse(opened.vote!.closesAt) - Date.parse(opened.vote!.opensAt)).toBe(3 * DAY);
    expect(opened.vote!.noticeDays).toBe(5);
    for (const openid of building1Voters()) {
      expectOk(await call(openid, 'castBallot', { topicId, choice: 'agree' }), BallotReceipt);
    }
    await refusedWritingNothing('closeVote', { topicId }, 'PRECONDITION_FAILED', 'topic.vote-open');

    moveLocalClock(2 * DAY);
    await refusedWritingNothing('closeVote', { topicId }, 'PRECONDITION_FAILED', 'topic.vote-open');
    moveLocalClock(DAY + 60_000);
    const closed = await detail(P.leader, 'closeVote', { topicId });
    expect(closed.step).toBe('notice');
    expect(Date.parse(closed.notice!.endsAt) - Date.parse(closed.notice!.startsAt)).toBe(5 * DAY);
    // The result is owed to the residents (ADR 0038): the leader's next look at the topic delivers it.
    await detail(P.leader, 'get', { topicId });

    const toExecute = { topicId, to: 'execute', executor: '幸福里物业', dueDate: '2027-12-31' };
    moveLocalClock(4 * DAY);
    await refusedWritingNothing('advance', toExecute, 'PRECONDITION_FAILED', 'topic.notice-running');
    moveLocalClock(DAY);
    const executing = await detail(P.leader, 'advance', toExecute);
    expect(executing.step).toBe('execute');
  });
});

describe('评估', () => {
  test('opens for 7 days by default and for the days chosen, within 1–30', async () => {
    const byDefault = await detail(P.leader, 'advance', { topicId: await topicIn(f, 'execute'), to: 'evaluate' });
    expect(length(byDefault, byDefault.evaluation!.endsAt)).toBe(7 * DAY);
    const topicId = await topicIn(f, 'execute');
    for (const evaluateDays of [0, 31]) {
      await refusedWritingNothing(
        'advance',
        { topicId, to: 'evaluate', evaluateDays },
        'VALIDATION',
        'topic.bad-period',
        'evaluateDays',
      );
    }
    const chosen = await detail(P.leader, 'advance', { topicId, to: 'evaluate', evaluateDays: 14 });
    expect(length(chosen, chosen.evaluation!.endsAt)).toBe(14 * DAY);
  });

  test('archiving is refused while the period runs (and households have not all rated), allowed once it has passed', async () => {
    const topicId = await topicIn(f, 'execute');
    await detail(P.leader, 'advance', { topicId, to: 'evaluate', evaluateDays: 2 });
    await refusedWritingNothing(
      'advance',
      { topicId, to: 'archived' },
      'PRECONDITION_FAILED',
      'topic.evaluation-running',
    );
    moveLocalClock(2 * DAY + 60_000);
    const archived = await detail(P.leader, 'advance', { topicId, to: 'archived' });
    expect(archived.step).toBe('archived');
  });
});

test('the detail tells the server clock the screen counts down from', async () => {
  const topic = await openTopic(f);
  expect(Math.abs(Date.parse(topic.now) - Date.now())).toBeLessThan(60_000);
  moveLocalClock(DAY);
  const later = await detail(P.leader, 'get', { topicId: topic.id });
  expect(Date.parse(later.now) - Date.parse(topic.now)).toBeGreaterThanOrEqual(DAY);
});
