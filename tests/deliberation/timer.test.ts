/**
 * Timer `close-windows`: closes votes whose window and settle period passed (with the tally from
 * the ballots) and archives topics whose evaluation window ended; running it twice is the same
 * as once; topics whose windows are still open, or whose vote is still settling, are left
 * alone; a client cannot pose as the scheduler.
 */
import { startFixture, type Fixture } from '../support/fixtures';
import { closeWindowAgo, expectError, P, setTopic, topicIn } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

test('closes expired votes and archives ended evaluations, once', async () => {
  const expired = await topicIn(f, 'vote');
  const running = await topicIn(f, 'vote');
  setTopic(f, running, {
    voteClosesAt: new Date(Date.now() + 3_600_000),
    'vote.closesAt': new Date(Date.now() + 3_600_000),
  });
  const settling = await topicIn(f, 'vote');
  closeWindowAgo(f, settling, 1000); // window over, settle period not yet
  const evaluated = await topicIn(f, 'evaluate');
  const stillRating = await topicIn(f, 'evaluate');
  setTopic(f, stillRating, {
    evaluationEndsAt: new Date(Date.now() + 3_600_000),
    'evaluation.endsAt': new Date(Date.now() + 3_600_000),
  });

  const first = (await f.server.functions.fireTimer('deliberation', 'close-windows')) as { ok: boolean; data: unknown };
  expect(first).toMatchObject({ ok: true, data: { closed: 1, archived: 1 } });
  const snapshot = JSON.stringify(f.dump());
  const second = (await f.server.functions.fireTimer('deliberation', 'close-windows')) as {
    ok: boolean;
    data: unknown;
  };
  expect(second).toMatchObject({ ok: true, data: { closed: 0, archived: 0 } });
  expect(JSON.stringify(f.dump())).toBe(snapshot);

  const topic = (id: string) => f.find('topics', { _id: id })[0]!;
  expect(topic(expired).step).toBe('ended'); // no ballots: participation not met
  expect(topic(expired).vote.tally).toMatchObject({ votedHouseholds: 0, passed: false });
  expect(topic(expired).history.at(-1)).toMatchObject({ from: 'vote', to: 'ended', byName: '系统', byId: null });
  expect(topic(running).step).toBe('vote');
  expect(topic(settling).step).toBe('vote');
  expect(topic(settling).vote.tally).toBeNull();
  expect(topic(evaluated).step).toBe('archived');
  expect(topic(stillRating).step).toBe('evaluate');
});

test('a client cannot fire the timer', async () => {
  const body = await f.expectNothingWritten(() =>
    f.server.callAs(P.admin, 'deliberation', '', {}).then(() =>
      fetch(`${f.server.url}/api/functions/deliberation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-local-openid': P.admin },
        body: JSON.stringify({ Type: 'Timer', TriggerName: 'close-windows' }),
      }).then((r) => r.json()),
    ),
  );
  expectError(body, 'FORBIDDEN', 'timer.not-scheduler');
});
