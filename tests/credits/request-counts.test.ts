/**
 * Database requests per call of the three crediting write actions, counted by the emulator's
 * own request counter (docs/adr/0015 lists them: before the credits joined their acts'
 * transactions castBallot cost 13, checkIn 13 and confirm 15; after, 12, 13 and 14). Since
 * issue #13 part 4 the balance is moved without being read and the topic or event is read with
 * the community's rules: here, each caller's first credit in the community (which creates the
 * balance document, one request more than later credits), castBallot 9, checkIn 10, confirm 12.
 */
import { demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { codeFor, makeEvent } from '../checkin/helpers';
import { closeWindowAgo, P, topicIn } from '../deliberation/helpers';
import { wishIn } from '../wish/helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const requestsOf = (call: () => Promise<unknown>) => f.okRequestsOf(call);

test('a first ballot, check-in and confirmation cost at most nine, ten and twelve database requests', async () => {
  const topicId = await topicIn(f, 'vote');
  closeWindowAgo(f, topicId, -3_600_000);
  const event = await makeEvent(f, { openid: demoPersonas.leader });
  const wishId = await wishIn(f, 'fulfilled');
  const code = codeFor(f, event.id);
  const counts = {
    castBallot: await requestsOf(() => f.call(P.resident, 'deliberation', 'castBallot', { topicId, choice: 'agree' })),
    checkIn: await requestsOf(() => f.call(demoPersonas.member, 'checkin', 'checkIn', { code })),
    confirm: await requestsOf(() => f.call(P.resident, 'wish', 'confirm', { wishId, rating: 5 })),
  };
  console.log(`[requests per call] ${JSON.stringify(counts)}`);
  expect(counts.castBallot).toBeLessThanOrEqual(9);
  expect(counts.checkIn).toBeLessThanOrEqual(10);
  expect(counts.confirm).toBeLessThanOrEqual(12);
});
