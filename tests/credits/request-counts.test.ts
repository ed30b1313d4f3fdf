/**
 * Database requests per call of the three crediting write actions (issue #13 part 4: a write
 * action costs at most 6, or 8 when it must touch more documents atomically — docs/adr/0015),
 * counted by the emulator's own request counter.
 */
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { codeFor, makeEvent } from '../checkin/helpers';
import { P, topicIn, closeWindowAgo } from '../deliberation/helpers';
import { wishIn } from '../wish/helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

async function requestsOf(call: () => Promise<unknown>): Promise<number> {
  const before = f.server.db.stats();
  const body = (await call()) as { ok: boolean; error?: unknown };
  if (!body.ok) throw new Error(JSON.stringify(body.error));
  const after = f.server.db.stats();
  const by = Object.entries(after.byAction)
    .map(([k, v]) => [k, v - (before.byAction[k] ?? 0)] as const)
    .filter(([, v]) => v > 0);
  console.log(JSON.stringify(by));
  return after.requests - before.requests;
}

test('prints the requests of castBallot, checkIn and confirm', async () => {
  const topicId = await topicIn(f, 'vote');
  closeWindowAgo(f, topicId, -3_600_000);
  const event = await makeEvent(f, { openid: demoPersonas.leader });
  const wishId = await wishIn(f, 'fulfilled');
  const counts = {
    castBallot: await requestsOf(() => f.call(P.resident, 'deliberation', 'castBallot', { topicId, choice: 'agree' })),
    checkIn: await requestsOf(() => f.call(demoPersonas.member, 'checkin', 'checkIn', { code: codeFor(f, event.id) })),
    confirm: await requestsOf(() => f.call(P.resident, 'wish', 'confirm', { wishId, rating: 5 })),
  };
  console.log(JSON.stringify(counts), DEMO);
});
