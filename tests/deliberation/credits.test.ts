/**
 * A ballot and its participation points are one act (docs/adr/0015): the ballot, the ledger
 * entry `deliberation:<topicId>:vote:<userId>` and the balance commit in one transaction, so a
 * crash at any point leaves all three or none; the retry of an unanswered call never stores a
 * second ballot or credits twice; the lateness guard that fires only after the commit takes
 * the ballot back and reverses its points together. An opinion and a rating are stored with
 * their points the same way.
 */
import type { Ctx } from '../../cloudfunctions/_shared/context';
import { database } from '../../cloudfunctions/_shared/database';
import { defaultPointRules } from '../../cloudfunctions/_shared/point-rules';
import { castBallot } from '../../cloudfunctions/deliberation/src/cast-ballot';
import { VOTE_SETTLE_MS } from '../../cloudfunctions/deliberation/src/store';
import { BallotReceipt, Opinion, TopicDetail } from '../../types/deliberation';
import { AppError } from '../../types/errors';
import { DEMO, startFixture, type Fixture } from '../support/fixtures';
import { crashAt, resetCrashPointsAfterEach } from '../support/crash-points';
import { closeWindowAgo, expectError, expectOk, P, setTopic, topicIn } from './helpers';

/** The demo community's participation points (the default rule). */
const POINTS = defaultPointRules.deliberation;

let f: Fixture;
let residentId: string;
beforeAll(async () => {
  f = await startFixture();
  residentId = f.find('users', { openid: P.resident })[0]!._id as string;
});
afterAll(() => f.stop());
resetCrashPointsAfterEach({ quiet: true });

/** A topic in its vote step, open for another hour. */
async function openVote(): Promise<string> {
  const topicId = await topicIn(f, 'vote');
  closeWindowAgo(f, topicId, -3_600_000);
  return topicId;
}

const cast = (topicId: string) => f.call(P.resident, 'deliberation', 'castBallot', { topicId, choice: 'agree' });

/** What is stored of 张秀英's ballot on the topic, her points for it, and her balance vs her ledger. */
function stateOf(topicId: string) {
  const entries = f.find('point_ledger', { communityId: DEMO, userId: residentId });
  const balance = f.find('point_balances', { _id: `${DEMO}:${residentId}` })[0]?.balance ?? 0;
  return {
    ballots: f.find('ballots', { topicId }).length,
    entries: entries.filter((e) => e.sourceId === topicId).map((e) => e._id as string),
    balance,
    ledgerSum: entries.reduce((s, e) => s + (e.amount as number), 0),
  };
}

test('a crash before the commit leaves neither the ballot nor its points, and the retry casts it with its points once', async () => {
  const topicId = await openVote();
  const before = stateOf(topicId);
  await crashAt('deliberation.castBallot.before-commit', () => cast(topicId));
  expect(stateOf(topicId)).toEqual(before);
  expect(before.ballots).toBe(0);

  expectOk(await cast(topicId), BallotReceipt);
  const after = stateOf(topicId);
  expect(after.ballots).toBe(1);
  expect(after.entries).toEqual([`deliberation:${topicId}:vote:${residentId}`]);
  expect(after.balance).toBe(before.balance + POINTS);
  expect(after.balance).toBe(after.ledgerSum);
});

test('a crash after the commit keeps the ballot with its points; the retry of the unanswered call stores nothing more', async () => {
  const topicId = await openVote();
  const before = stateOf(topicId);
  await crashAt('deliberation.castBallot.after-commit', () => cast(topicId));
  const crashed = stateOf(topicId);
  expect(crashed.ballots).toBe(1);
  expect(crashed.entries).toEqual([`deliberation:${topicId}:vote:${residentId}`]);
  expect(crashed.balance).toBe(before.balance + POINTS);
  expect(crashed.balance).toBe(crashed.ledgerSum);

  const retry = await f.expectNothingWritten(() => cast(topicId));
  expectError(retry, 'CONFLICT', 'ballot.household-voted');
  expect(stateOf(topicId)).toEqual(crashed);
});

test('ten retries of one ballot at once store one ballot and one credit', async () => {
  const topicId = await openVote();
  const before = stateOf(topicId);
  const replies = await Promise.all(Array.from({ length: 10 }, () => cast(topicId)));
  expect(replies.filter((r) => r.ok)).toHaveLength(1);
  const after = stateOf(topicId);
  expect(after.ballots).toBe(1);
  expect(after.entries).toHaveLength(1);
  expect(after.balance).toBe(before.balance + POINTS);
  expect(after.balance).toBe(after.ledgerSum);
});

test('a call found late only after its commit withdraws the ballot and reverses its points in one step', async () => {
  const topicId = await openVote();
  const closesAt = closeWindowAgo(f, topicId, -3_600_000).getTime();
  const before = stateOf(topicId);
  let clock = closesAt - 1;
  const db = database();
  // The clock passes closesAt + settle/2 while the first commit is on its way.
  const wrapped = new Proxy(db, {
    get(target, prop) {
      if (prop === 'runTransaction') {
        return async (fn: Parameters<typeof db.runTransaction>[0]) => {
          const res: unknown = await target.runTransaction(fn);
          clock = closesAt + VOTE_SETTLE_MS / 2 + 1;
          return res;
        };
      }
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const ctx: Ctx = {
    caller: { openid: P.resident, appid: null },
    requestId: 'test',
    db: wrapped,
    runtime: 'local',
    now: () => new Date(clock),
  };
  const error = await castBallot({ ctx, input: { topicId, choice: 'agree' } }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'ballot.vote-closed' });
  const after = stateOf(topicId);
  expect(after.ballots).toBe(0);
  const key = `deliberation:${topicId}:vote:${residentId}`;
  expect(after.entries.sort()).toEqual([key, `reversal:${key}`].sort());
  expect(after.balance).toBe(before.balance);
  expect(after.balance).toBe(after.ledgerSum);
});

test('an opinion and its points are one act: a crash before the commit leaves neither, the retry stores both once, a second opinion no more points', async () => {
  const topicId = await topicIn(f, 'collect');
  const opinions = () => f.find('opinions', { topicId, authorId: residentId }).length;
  const before = stateOf(topicId);
  const post = (text: string) => f.call(P.resident, 'deliberation', 'postOpinion', { topicId, text });
  await crashAt('deliberation.postOpinion.before-commit', () => post('建议先做好安全评估'));
  expect(opinions()).toBe(0);
  expect(stateOf(topicId)).toEqual(before);

  expectOk(await post('建议先做好安全评估'), Opinion);
  expectOk(await post('再补充一点：注意施工时间'), Opinion);
  const after = stateOf(topicId);
  expect(opinions()).toBe(2);
  expect(after.entries).toEqual([`deliberation:${topicId}:collect:${residentId}`]);
  expect(after.balance).toBe(before.balance + POINTS);
  expect(after.balance).toBe(after.ledgerSum);
});

test('a rating and its points are one act: a crash before the commit leaves neither, the retry stores both once', async () => {
  const topicId = await topicIn(f, 'evaluate');
  setTopic(f, topicId, { 'evaluation.endsAt': new Date(Date.now() + 3_600_000) });
  const ratings = () => f.find('topic_ratings', { topicId }).length;
  const before = stateOf(topicId);
  const rate = () => f.call(P.resident, 'deliberation', 'rate', { topicId, score: 5 });
  await crashAt('deliberation.rate.before-commit', () => rate());
  expect(ratings()).toBe(0);
  expect(stateOf(topicId)).toEqual(before);

  expectOk(await rate(), TopicDetail);
  expectError(await rate(), 'CONFLICT', 'rating.household-rated');
  const after = stateOf(topicId);
  expect(ratings()).toBe(1);
  expect(after.entries).toEqual([`deliberation:${topicId}:evaluate:${residentId}`]);
  expect(after.balance).toBe(before.balance + POINTS);
  expect(after.balance).toBe(after.ledgerSum);
});
