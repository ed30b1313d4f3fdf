/**
 * Database requests per call of the deliberation writes that credit participation points
 * (issue #13 part 4, docs/adr/0017-requests-per-call.md), counted by the emulator, with the topic
 * already holding many ballots, opinions or ratings. The caller, the topic, its community's
 * rules, whether the caller was credited and the totals are read in one aggregation
 * (cloudfunctions/deliberation/src/caller.ts); the participation and its credit are one
 * transaction of start, the document, entry, balance and commit.
 */
import { startFixture, type Fixture } from '../support/fixtures';
import { MessageList } from '../../types/messages';
import { eligibleOf, expectOk, insertDocs, P, setTopic, topicIn } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const requestsOf = (call: () => Promise<unknown>) => f.okRequestsOf(call);

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

/** Stores a ballot of each of `households` on the topic, with `more(i)` on the i-th. */
function ballotsOf(
  topicId: string,
  households: Array<{ h: string; a: number }>,
  choice: string,
  more: (i: number) => object,
): void {
  insertDocs(
    f,
    'ballots',
    households.map((e, i) => ({
      _id: `${topicId}:${e.h}`,
      topicId,
      householdId: e.h,
      areaCents: e.a,
      choice,
      userId: `user-earlier-${i}`,
      ...more(i),
    })),
  );
}

const topicOf = (topicId: string) => f.find('topics', { _id: topicId })[0] as { communityId: string };

test('a ballot costs six database requests, however many households voted before', async () => {
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
  let reply: unknown;
  const n = await requestsOf(async () => {
    reply = await f.call(P.resident, 'deliberation', 'castBallot', { topicId, choice: 'agree' });
    return reply;
  });
  console.log(`[requests] castBallot ${n}`);
  expect(n).toBe(6);
  // The reply's turnout counts the 40 earlier ballots and this one.
  expect((reply as { data: { turnout: object } }).data.turnout).toMatchObject({
    votedHouseholds: 41,
    myHouseholdVoted: true,
  });
  expect(f.find('ballots', { topicId })).toHaveLength(41);
});

test('an opinion costs six database requests with its credit, and a second one by the same person two', async () => {
  const topicId = await topicIn(f, 'collect');
  const first = await requestsOf(() =>
    f.call(P.resident, 'deliberation', 'postOpinion', { topicId, text: '建议先做好安全评估' }),
  );
  const second = await requestsOf(() =>
    f.call(P.resident, 'deliberation', 'postOpinion', { topicId, text: '再补充一点：注意施工时间' }),
  );
  console.log(`[requests] postOpinion ${first}, ${second}`);
  expect(first).toBe(6);
  expect(second).toBe(2);
});

test("a member's first opinion in the community costs six database requests too: the read saw no balance, so the credit adds it", async () => {
  const topicId = await topicIn(f, 'collect');
  const user = f.find('users', { openid: P.resident })[0]!;
  const balanceId = `${topicOf(topicId).communityId}:${String(user._id)}`;
  const reply = f.server.db.handle({
    action: 'database.removeDocument',
    collectionName: 'point_balances',
    query: JSON.stringify({ _id: balanceId }),
    multi: false,
  }) as { code?: string; message?: string };
  if (reply.code) throw new Error(`${reply.code}: ${reply.message}`);
  expect(f.find('point_balances', { _id: balanceId })).toHaveLength(0);
  const n = await requestsOf(() =>
    f.call(P.resident, 'deliberation', 'postOpinion', { topicId, text: '第一次在本社区获得积分' }),
  );
  console.log(`[requests] postOpinion first credit ${n}`);
  expect(n).toBe(6);
  const entry = f.find('point_ledger', { _id: `deliberation:${topicId}:collect:${String(user._id)}` })[0]!;
  expect(f.find('point_balances', { _id: balanceId })[0]).toMatchObject({ balance: entry.amount });
});

test('a rating costs six database requests, however many households rated before, and its reply counts them all', async () => {
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
  let reply: unknown;
  const n = await requestsOf(async () => {
    reply = await f.call(P.resident, 'deliberation', 'rate', { topicId, score: 5 });
    return reply;
  });
  console.log(`[requests] rate ${n}`);
  expect(n).toBe(6);
  const evaluation = (
    reply as { data: { evaluation: { ratings: number; averageScore: number; myHouseholdRated: boolean } } }
  ).data.evaluation;
  // 35 earlier ratings of 4 and this 5.
  expect(evaluation).toMatchObject({
    ratings: 36,
    myHouseholdRated: true,
    averageScore: Math.round((145 / 36) * 100) / 100,
  });
});

test('recording progress costs at most seven database requests (the last removes the messages it owed, ADR 0031) and tells every one of 30 participants in one write', async () => {
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
  expect(n).toBeLessThanOrEqual(7);
  const told = f.find('messages', {}).filter((m) => String(m._id).startsWith(`topic:${topicId}:progress:`));
  expect(told).toHaveLength(30);
});

test('the turnout costs one database request, for a leader too: the 代办 ballots with their rooms come in the same read, never their choice', async () => {
  const topicId = await topicIn(f, 'vote');
  const now = Date.now();
  setTopic(f, topicId, { 'vote.closesAt': new Date(now + 3_600_000) });
  const eligible = eligibleOf(f).slice(0, 3);
  ballotsOf(topicId, eligible, 'oppose', (i) => ({
    castAt: new Date(now - 60_000 * (3 - i)),
    ...(i < 2 ? { proxy: { actorId: 'user-gw', actorName: '李网格', consentId: `consent-${i}` } } : {}),
  }));
  const turnoutOf = async (persona: string) => {
    let reply: unknown;
    const n = await requestsOf(async () => {
      reply = await f.call(persona, 'deliberation', 'turnout', { topicId });
      return reply;
    });
    return { n, turnout: (reply as { data: Record<string, unknown> }).data };
  };
  const leader = await turnoutOf(P.leader);
  const resident = await turnoutOf(P.resident);
  console.log(`[requests] turnout leader ${leader.n}, resident ${resident.n}`);
  expect(leader.n).toBe(1);
  expect(resident.n).toBe(1);
  const room = (id: string) => f.find('households', { _id: id })[0]!.room as string;
  expect(leader.turnout).toMatchObject({ votedHouseholds: 3, eligibleHouseholds: eligibleOf(f).length });
  expect(leader.turnout.proxyBallots).toEqual(
    eligible
      .slice(0, 2)
      .map((e) => expect.objectContaining({ householdId: e.h, room: room(e.h), proxyName: '李网格' })),
  );
  expect(JSON.stringify(leader.turnout)).not.toContain('oppose');
  expect(resident.turnout).toMatchObject({ votedHouseholds: 3 });
  expect(resident.turnout.proxyBallots).toBeUndefined();
});

test('closing a vote costs five database requests however many residents: its result is owed to them (ADR 0038) and a resident’s message centre delivers it', async () => {
  const topicId = await topicIn(f, 'vote');
  ballotsOf(topicId, eligibleOf(f), 'agree', () => ({ castAt: new Date(Date.now() - 86_400_000) }));
  const n = await requestsOf(() => f.call(P.leader, 'deliberation', 'closeVote', { topicId }));
  console.log(`[requests] closeVote ${n}`);
  expect(n).toBe(5);
  const key = `topic:${topicId}:result:user-resident`;
  expect(f.find('topics', { _id: topicId })[0]!.owedTo).toContain('user-resident');
  const centre = expectOk(await f.call(P.resident, 'messages', 'list', { limit: 50 }), MessageList);
  expect(centre.items.filter((m) => m.id === key)).toHaveLength(1);
  // Another verb on the topic in 公示 does not pay for telling the building; the detail view does.
  const objecting = await requestsOf(() =>
    f.call(P.resident, 'deliberation', 'lodgeObjection', { topicId, text: '施工时间请避开午休' }),
  );
  console.log(`[requests] lodgeObjection after the close ${objecting}`);
  expect(objecting).toBeLessThanOrEqual(4);
  expect((f.find('topics', { _id: topicId })[0]!.owedTo as string[]).length).toBeGreaterThan(0);
  expect(await requestsOf(() => f.call(P.leader, 'deliberation', 'get', { topicId }))).toBeLessThanOrEqual(6);
  expect(f.find('topics', { _id: topicId })[0]!.owedTo).toEqual([]);
});
