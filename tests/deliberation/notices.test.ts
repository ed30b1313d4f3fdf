/**
 * Who is told when a topic opens and when its vote opens (docs/notifications.md): the residents
 * of the topic's building (of its estate, for an estate-wide topic), in the message centre, once
 * each — never the leader who moved it, never a resident outside the scope.
 */
import { TopicDetail } from '../../types/deliberation';
import { startFixture, type Fixture } from '../support/fixtures';
import {
  building1Resident,
  building2Resident,
  expectOk,
  hxjyResident,
  inFuture,
  openInput,
  openTopic,
  P,
  openVoteOn,
  topicIn,
} from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const userIdOf = (openid: string): string => f.find('users', { openid })[0]!._id as string;
/** The users told by messages whose key starts with `prefix`. */
const toldBy = (prefix: string): string[] =>
  f
    .find('messages')
    .filter((m) => (m._id as string).startsWith(prefix))
    .map((m) => m.userId as string)
    .sort();

test('opening a building topic tells the residents of that building, not the leader who opened it nor a resident of another building', async () => {
  const topic = await openTopic(f);
  const told = toldBy(`topic:${topic.id}:opened:`);
  expect(told).toContain(userIdOf(building1Resident));
  expect(told).toContain('user-resident');
  expect(told).not.toContain(userIdOf(building2Resident));
  expect(told).not.toContain(userIdOf(P.leader));
  const residents = new Set(f.find('roles', { kind: 'resident', buildingId: 'bld-xfl-1' }).map((r) => r.userId));
  expect(new Set(told)).toEqual(new Set([...residents].filter((id) => id !== userIdOf(P.leader))));
  const mine = f.find('messages', { _id: `topic:${topic.id}:opened:user-resident` })[0]!;
  expect(mine).toMatchObject({
    kind: 'topic',
    read: false,
    link: `/packages/deliberation/pages/topic/index?id=${topic.id}`,
  });
  expect(mine.body).toContain('1号楼加装电梯');
});

test('opening an estate-wide topic tells the residents of every building of the estate, not those of another estate', async () => {
  const topic = await openTopic(f, { buildingId: undefined, title: '幸福里小区绿化改造' }, P.estateLeader);
  const told = toldBy(`topic:${topic.id}:opened:`);
  expect(told).toContain(userIdOf(building1Resident));
  expect(told).toContain(userIdOf(building2Resident));
  expect(told).not.toContain(userIdOf(hxjyResident));
  expect(told).not.toContain(userIdOf(P.estateLeader));
});

test('moving a topic to vote tells every resident of its eligible households once, and nobody outside its building', async () => {
  const topicId = await topicIn(f, 'review');
  const before = toldBy(`topic:${topicId}:vote-open:`);
  expect(before).toEqual([]);
  await openVoteOn(f, topicId);
  const told = toldBy(`topic:${topicId}:vote-open:`);
  expect(told).toContain('user-resident');
  expect(told).toContain(userIdOf(building1Resident));
  expect(told).not.toContain(userIdOf(building2Resident));
  expect(told).not.toContain(userIdOf(P.leader));
  expect(new Set(told).size).toBe(told.length);
  const mine = f.find('messages', { _id: `topic:${topicId}:vote-open:user-resident` })[0]!;
  expect(mine).toMatchObject({
    kind: 'topic',
    title: '议题开始投票',
    link: `/packages/deliberation/pages/topic/index?id=${topicId}`,
  });
});

test('moving a topic to another step than vote tells nobody that a vote opened', async () => {
  const topicId = await topicIn(f, 'collect');
  expectOk(await f.call(P.leader, 'deliberation', 'advance', { topicId, to: 'review' }), TopicDetail);
  expect(toldBy(`topic:${topicId}:vote-open:`)).toEqual([]);
});

test('opening a topic costs at most six database requests and moving it to vote at most eight (ADR 0017, ADR 0031), with every resident told', async () => {
  const opened = await f.okRequestsOf(() =>
    f.call(P.leader, 'deliberation', 'open', openInput({ title: '1号楼楼道粉刷' })),
  );
  const topicId = await topicIn(f, 'review');
  const voting = await f.okRequestsOf(() =>
    f.call(P.leader, 'deliberation', 'advance', { topicId, to: 'vote', rule: 'simple', closesAt: inFuture(3_600_000) }),
  );
  console.log(`[requests] deliberation.open ${opened}, advance to vote ${voting}`);
  expect(opened).toBeLessThanOrEqual(6);
  expect(voting).toBeLessThanOrEqual(8);
});
