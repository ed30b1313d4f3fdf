/**
 * Database requests per call of the deliberation writes that credit participation points
 * (issue #13 part 4, docs/adr/0017-requests-per-call.md), counted by the emulator, with the topic
 * already holding many ballots, opinions or ratings. The topic and its community's rules are
 * read in one aggregation; a credit is a transaction of start, entry, balance and commit (the
 * entry is not read first: a person credited before collides on its key).
 */
import { startFixture, type Fixture } from '../support/fixtures';
import { insertDocs, P, setTopic, topicIn } from './helpers';

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

/** The resident earns a first point elsewhere, so their balance document exists. */
async function warmUp(): Promise<void> {
  const topicId = await topicIn(f, 'collect');
  const body = (await f.call(P.resident, 'deliberation', 'postOpinion', {
    topicId,
    text: '先说一句：支持加装电梯',
  })) as {
    ok: boolean;
  };
  if (!body.ok) throw new Error(JSON.stringify(body));
}

beforeAll(warmUp);

test('a ballot costs at most eight database requests, however many households voted before', async () => {
  const topicId = await topicIn(f, 'vote');
  const now = Date.now();
  setTopic(f, topicId, { 'vote.opensAt': new Date(now - 3_600_000), 'vote.closesAt': new Date(now + 3_600_000) });
  insertDocs(
    f,
    'ballots',
    Array.from({ length: 40 }, (_, i) => ({
      _id: `${topicId}:hh-earlier-${i}`,
      topicId,
      householdId: `hh-earlier-${i}`,
      areaCents: 8000,
      choice: 'agree',
      userId: `user-earlier-${i}`,
      castAt: new Date(now - 60_000),
    })),
  );
  const n = await requestsOf(() => f.call(P.resident, 'deliberation', 'castBallot', { topicId, choice: 'agree' }));
  console.log(`[requests] castBallot ${n}`);
  expect(n).toBeLessThanOrEqual(8);
});

test('an opinion costs at most seven database requests, and a second one by the same person at most six', async () => {
  const topicId = await topicIn(f, 'collect');
  const first = await requestsOf(() =>
    f.call(P.resident, 'deliberation', 'postOpinion', { topicId, text: '建议先做好安全评估' }),
  );
  const second = await requestsOf(() =>
    f.call(P.resident, 'deliberation', 'postOpinion', { topicId, text: '再补充一点：注意施工时间' }),
  );
  console.log(`[requests] postOpinion ${first}, ${second}`);
  expect(first).toBeLessThanOrEqual(7);
  expect(second).toBeLessThanOrEqual(6);
});

test('a rating costs at most nine database requests, however many households rated before', async () => {
  const topicId = await topicIn(f, 'evaluate');
  setTopic(f, topicId, { 'evaluation.endsAt': new Date(Date.now() + 3_600_000) });
  insertDocs(
    f,
    'topic_ratings',
    Array.from({ length: 35 }, (_, i) => ({
      _id: `${topicId}:hh-earlier-${i}`,
      topicId,
      householdId: `hh-earlier-${i}`,
      userId: `user-earlier-${i}`,
      score: 4,
      high: 1,
      comment: '',
      createdAt: new Date(),
    })),
  );
  const n = await requestsOf(() => f.call(P.resident, 'deliberation', 'rate', { topicId, score: 5 }));
  console.log(`[requests] rate ${n}`);
  expect(n).toBeLessThanOrEqual(9);
});

test('recording progress costs at most six database requests and tells every one of 30 participants in one write', async () => {
  const topicId = await topicIn(f, 'execute');
  insertDocs(
    f,
    'opinions',
    Array.from({ length: 30 }, (_, i) => ({
      _id: `${topicId}:op-${i}`,
      topicId,
      communityId: 'comm-xingfuli',
      authorId: `user-author-${i}`,
      authorName: `居民${i}`,
      text: '建议尽快施工，注意安全',
      photos: [],
      supportCount: 0,
      createdAt: new Date(),
    })),
  );
  const n = await requestsOf(() =>
    f.call(P.leader, 'deliberation', 'addProgress', { topicId, percent: 40, note: '已完成井道施工' }),
  );
  console.log(`[requests] addProgress ${n}`);
  expect(n).toBeLessThanOrEqual(6);
  const told = f.find('messages', {}).filter((m) => String(m._id).startsWith(`topic:${topicId}:progress:`));
  expect(told).toHaveLength(30);
});
