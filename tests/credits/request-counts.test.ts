/**
 * Database requests per call of the three crediting write actions, counted by the emulator's
 * own request counter (docs/adr/0015 lists them: before the credits joined their acts'
 * transactions castBallot cost 13, checkIn 13 and confirm 15). Writing the act and its credit
 * together must not cost more than writing them apart did.
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

async function requestsOf(call: () => Promise<unknown>): Promise<number> {
  const before = f.server.db.stats().requests;
  const body = (await call()) as { ok: boolean; error?: unknown };
  if (!body.ok) throw new Error(JSON.stringify(body.error));
  return f.server.db.stats().requests - before;
}

test('a ballot, a check-in and a confirmation each cost fewer database requests than before their credits joined them', async () => {
  const topicId = await topicIn(f, 'vote');
  closeWindowAgo(f, topicId, -3_600_000);
  const event = await makeEvent(f, { openid: demoPersonas.leader });
  const wishId = await wishIn(f, 'fulfilled');
  const counts = {
    castBallot: await requestsOf(() => f.call(P.resident, 'deliberation', 'castBallot', { topicId, choice: 'agree' })),
    checkIn: await requestsOf(() => f.call(demoPersonas.member, 'checkin', 'checkIn', { code: codeFor(f, event.id) })),
    confirm: await requestsOf(() => f.call(P.resident, 'wish', 'confirm', { wishId, rating: 5 })),
  };
  console.log(`[requests per call] ${JSON.stringify(counts)}`);
  expect(counts.castBallot).toBeLessThanOrEqual(12);
  expect(counts.checkIn).toBeLessThanOrEqual(13);
  expect(counts.confirm).toBeLessThanOrEqual(14);
});
