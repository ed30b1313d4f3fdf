/**
 * The message centre delivers what is owed to its caller (cloudfunctions/messages/src/owed.ts,
 * ADR 0038): an act owes its messages on its own document and names the people
 * in `owedTo` in the same write; each person's next `messages.list` or `messages.unreadCount`
 * finds what is owed to them in the one read that finds the caller, and shows it exactly once —
 * whether the act left it owed on purpose (an approved 报到 with points) or died before
 * delivering it.
 */
import { Registration } from '../../types/checkin';
import { MessageList, UnreadCount } from '../../types/messages';
import { BindingRequest } from '../../types/account';
import { resetCrashPointsAfterEach } from '../support/crash-points';
import { demoPersonas as P, startFixture, type Fixture } from '../support/fixtures';
import { declarePartyMembers, expectError, expectOk, registerMember } from '../checkin/helpers';
import { openInput, topicIn } from '../deliberation/helpers';
import { wishIn } from '../wish/helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  declarePartyMembers(f, P.resident);
});
afterAll(() => f.stop());
resetCrashPointsAfterEach({ quiet: true });

async function crashing<T>(point: string, call: () => Promise<T>): Promise<T> {
  process.env.HONGSE_CRASH_AT = point;
  try {
    return await call();
  } finally {
    delete process.env.HONGSE_CRASH_AT;
  }
}

const keyed = (prefix: string) =>
  f
    .find('messages')
    .filter((m) => (m._id as string).startsWith(prefix))
    .map((m) => m._id as string)
    .sort();
const listOf = async (persona: string) =>
  expectOk(await f.call(persona, 'messages', 'list', { limit: 50 }), MessageList).items.map((m) => m.id);
const unreadOf = async (persona: string) =>
  expectOk(await f.call(persona, 'messages', 'unreadCount', {}), UnreadCount).unread;

test('an approved 报到 with points is in the applicant’s message centre at their next look, once, without visiting 双报到, and the registration keeps no empty outbox', async () => {
  const reg = await registerMember(f);
  expectOk(
    await f.call(P.admin, 'checkin', 'decideRegistration', { registrationId: reg.id, decision: 'approve' }),
    Registration,
  );
  const key = `registration:${reg.id}:decided`;
  expect(keyed(key)).toEqual([]);
  expect(f.find('registrations', { _id: reg.id })[0]!.owedTo).toEqual(['user-resident']);

  expect(await listOf(P.resident)).toContain(key);
  expect(keyed(key)).toEqual([key]);
  const stored = f.find('registrations', { _id: reg.id })[0]!;
  expect('outbox' in stored).toBe(false);
  expect('owedTo' in stored).toBe(false);
  expect((await listOf(P.resident)).filter((id) => id === key)).toHaveLength(1);
  expect((await f.call(P.resident, 'checkin', 'myRegistrations', {})).ok).toBe(true);
  expect(keyed(key)).toEqual([key]);
  expectOk(
    await f.call(P.resident, 'checkin', 'withdrawRegistration', { registrationId: reg.id, reason: '工作调动' }),
    Registration,
  );
});

test('the unread badge’s count delivers what is owed first, so the badge counts it, and counts it once', async () => {
  const reg = await registerMember(f);
  const before = await unreadOf(P.resident);
  expectOk(
    await f.call(P.admin, 'checkin', 'decideRegistration', { registrationId: reg.id, decision: 'approve' }),
    Registration,
  );
  expect(await unreadOf(P.resident)).toBe(before + 1);
  expect(await unreadOf(P.resident)).toBe(before + 1);
  expectOk(
    await f.call(P.resident, 'checkin', 'withdrawRegistration', { registrationId: reg.id, reason: '工作调动' }),
    Registration,
  );
});

test('a binding decision that died before telling is shown once by the applicant’s next message-centre look, and the decider’s retry then tells nobody again', async () => {
  const request = expectOk(
    await f.call(P.newcomer, 'account', 'requestBinding', { householdId: 'hh-xfl-2-102', relation: 'tenant' }),
    BindingRequest,
  );
  const key = `binding:${request.id}:decided`;
  const decide = () => f.call(P.admin, 'account', 'decideBinding', { requestId: request.id, decision: 'approve' });
  expectError(await crashing('account.decideBinding.before-message', decide), 'INTERNAL', 'internal.unexpected');
  expect(keyed(key)).toEqual([]);
  expect(await listOf(P.newcomer)).toContain(key);
  expect(f.find('binding_requests', { _id: request.id })[0]!.outbox).toEqual({});
  expectError(await decide(), 'PRECONDITION_FAILED');
  expect(keyed(key)).toEqual([key]);
});

test('a wish move that died before telling its poster is shown once by the poster’s next message-centre look', async () => {
  const wishId = await wishIn(f, 'submitted');
  await crashing('wish.move.before-message', () => f.call(P.admin, 'wish', 'review', { wishId, decision: 'publish' }));
  const key = `wish:${wishId}:published`;
  expect(keyed(key)).toEqual([]);
  expect(await listOf(P.resident)).toContain(key);
  expect(await listOf(P.resident)).toContain(key);
  expect(keyed(key)).toEqual([key]);
  expect(f.find('wishes', { _id: wishId })[0]!.owedTo).toEqual([]);
});

test('an opening that died before telling the residents shows each resident their own message once at their look; the others stay owed until the topic is read, and nobody is told twice', async () => {
  const title = '1号楼雨棚维修';
  await crashing('deliberation.open.after-insert', () =>
    f.call(P.leader, 'deliberation', 'open', openInput({ title })),
  );
  const topic = f.find('topics', { title })[0]!;
  const id = topic._id as string;
  const everyone = (topic.owedTo as string[]).length;
  expect(everyone).toBeGreaterThan(1);
  expect(await listOf(P.resident)).toContain(`topic:${id}:opened:user-resident`);
  expect(keyed(`topic:${id}:opened:`)).toEqual([`topic:${id}:opened:user-resident`]);
  const after = f.find('topics', { _id: id })[0]!;
  expect(after.owedTo).not.toContain('user-resident');
  expect((after.outbox as { opened: { to: Array<{ userId: string }> } }).opened.to.map((t) => t.userId)).not.toContain(
    'user-resident',
  );
  expect(after.owedTo as string[]).toHaveLength(everyone - 1);

  await f.call(P.leader, 'deliberation', 'get', { topicId: id });
  expect(keyed(`topic:${id}:opened:`)).toHaveLength(everyone);
  expect(f.find('topics', { _id: id })[0]!.owedTo).toEqual([]);
  expect((await listOf(P.resident)).filter((m) => m === `topic:${id}:opened:user-resident`)).toHaveLength(1);
});

test('the message centre’s reads cost at most four database requests when they deliver, two otherwise', async () => {
  const wishId = await wishIn(f, 'submitted');
  await crashing('wish.move.before-message', () => f.call(P.admin, 'wish', 'review', { wishId, decision: 'publish' }));
  const delivering = await f.okRequestsOf(() => f.call(P.resident, 'messages', 'list', { limit: 20 }));
  const listing = await f.okRequestsOf(() => f.call(P.resident, 'messages', 'list', { limit: 20 }));
  const counting = await f.okRequestsOf(() => f.call(P.resident, 'messages', 'unreadCount', {}));
  console.log(`[requests] messages.list delivering ${delivering}, then ${listing}; unreadCount ${counting}`);
  expect(delivering).toBeLessThanOrEqual(4);
  expect(listing).toBeLessThanOrEqual(2);
  expect(counting).toBeLessThanOrEqual(2);
});

test('a vote closing that died before telling its result is shown once by a resident’s next message-centre look', async () => {
  const topicId = await topicIn(f, 'vote');
  const close = () => f.call(P.leader, 'deliberation', 'closeVote', { topicId });
  expectError(await crashing('deliberation.closeVote.before-audit', close), 'INTERNAL', 'internal.unexpected');
  expect(f.find('topics', { _id: topicId })[0]!.step).toBe('ended');
  const key = `topic:${topicId}:result:user-resident`;
  expect(keyed(key)).toEqual([]);
  expect(await listOf(P.resident)).toContain(key);
  expect(await listOf(P.resident)).toContain(key);
  expect(keyed(key)).toEqual([key]);
});
