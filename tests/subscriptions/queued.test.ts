/**
 * Subscription messages for topic moments (ADR 0038): a topic's fan-out queues
 * a subscription message in each in-app message it writes (`push`), and the messages timer
 * `send-subscriptions` sends it to the people who consented — one consent used per message —
 * while everyone else has the in-app message only. Sent at most once: a run that dies after the
 * send leaves the message taken, and no later run sends it again. The timer is bounded (ADR 0041):
 * community by community, each within its share, resuming from its saved cursor.
 */
import { SimulatedCrash } from '../../cloudfunctions/_shared/crash-points';
import { sendSubscriptions } from '../../cloudfunctions/messages/src/send-subscriptions';
import { MessageList, RecordConsentResult } from '../../types/messages';
import { TopicDetail } from '../../types/deliberation';
import subscriptions from '../../deploy/subscriptions.json';
import { resetCrashPointsAfterEach } from '../support/crash-points';
import { DEMO, OTHER, demoPersonas as P, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { localCtx } from '../support/local-ctx';
import { untilDone } from '../support/jobs';
import { declarePartyMembers, decideRegistration, registerMember } from '../checkin/helpers';
import { eligibleOf, expectOk, openInput, openVoteOn, topicIn } from '../deliberation/helpers';
import { outbox } from '../wish/helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());
resetCrashPointsAfterEach({ quiet: true });

type Run = { ok: boolean; data?: { sent: number; inApp: number; refused: number }; error?: unknown };
const drain = async () => (await f.server.functions.fireTimer('messages', 'send-subscriptions')) as Run;
/** Runs the timer until the queue is empty (each run takes a bounded page). */
async function drainAll(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const run = await drain();
    expect(run.ok).toBe(true);
    if (run.data!.sent + run.data!.inApp + run.data!.refused === 0) return;
  }
  throw new Error('the send queue did not empty');
}
const consent = async (persona: string, kinds: string[]) =>
  expectOk(await f.call(persona, 'messages', 'recordConsent', { kinds }), RecordConsentResult);
const countOf = (id: string) => (f.find('subscription_consents', { _id: id })[0]?.count as number | undefined) ?? 0;
const sentWith = async (template: string, since: number) =>
  (await outbox(f)).slice(since).filter((m) => m.template_id === template);
/** The ids in `persona`'s message centre (its read delivers what is owed to them, ADR 0038). */
const messageCentreOf = async (persona: string) =>
  expectOk(await f.call(persona, 'messages', 'list', { limit: 50 }), MessageList).items.map((m) => m.id);
const resultKeys = (ids: string[], topicId: string) => ids.filter((id) => id.startsWith(`topic:${topicId}:result:`));
const voteOpen = subscriptions.voteOpen.templateId;
const topicProgress = subscriptions.topicProgress.templateId;

async function openVote(): Promise<string> {
  const topicId = await topicIn(f, 'review');
  await openVoteOn(f, topicId);
  return topicId;
}

beforeAll(async () => {
  // Whatever the fixture's history queued is sent (or not) before the tests count.
  await drainAll();
});

test('a resident who consented gets exactly one 投票开始 subscription message when a vote opens; the other residents only the in-app message', async () => {
  expect(await consent(P.resident, ['voteOpen'])).toEqual({ recorded: 1 });
  expect(countOf('user-resident:voteOpen')).toBe(1);
  const since = (await outbox(f)).length;
  const topicId = await openVote();
  const told = f.find('messages').filter((m) => (m._id as string).startsWith(`topic:${topicId}:vote-open:`));
  expect(told.length).toBeGreaterThan(1);
  expect(told.every((m) => (m.push as { state: string }).state === 'queued')).toBe(true);

  await drainAll();
  await drainAll();
  const sent = await sentWith(voteOpen, since);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({
    touser: P.resident,
    page: `packages/deliberation/pages/topic/index?id=${topicId}`,
    data: { thing3: { value: '请代表您的房屋投票' } },
  });
  expect(countOf('user-resident:voteOpen')).toBe(0);
  const after = f.find('messages').filter((m) => (m._id as string).startsWith(`topic:${topicId}:vote-open:`));
  const states = Object.fromEntries(after.map((m) => [m.userId, (m.push as { state: string }).state]));
  expect(states['user-resident']).toBe('sent');
  expect(
    Object.entries(states)
      .filter(([user]) => user !== 'user-resident')
      .map(([, s]) => s),
  ).toEqual(expect.arrayContaining(['in-app']));
  expect(Object.values(states).filter((s) => s === 'sent')).toHaveLength(1);
});

test('one consent is one message: a second vote opening reaches the resident only in the message centre until they consent again', async () => {
  const since = (await outbox(f)).length;
  await openVote();
  await drainAll();
  expect(await sentWith(voteOpen, since)).toEqual([]);
  await consent(P.resident, ['voteOpen']);
  await consent(P.resident, ['voteOpen']);
  expect(countOf('user-resident:voteOpen')).toBe(2);
  await openVote();
  await drainAll();
  expect(await sentWith(voteOpen, since)).toHaveLength(1);
  expect(countOf('user-resident:voteOpen')).toBe(1);
});

test('a new topic in my building is sent by 议题进展通知 to a resident who consented to it', async () => {
  await consent(P.resident, ['topicProgress']);
  const since = (await outbox(f)).length;
  const topic = expectOk(
    await f.call(P.leader, 'deliberation', 'open', openInput({ title: '1号楼楼顶防水维修' })),
    TopicDetail,
  );
  await drainAll();
  const sent = await sentWith(topicProgress, since);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({
    touser: P.resident,
    page: `packages/deliberation/pages/topic/index?id=${topic.id}`,
    data: { thing1: { value: '1号楼楼顶防水维修' }, phrase2: { value: '征集意见' } },
  });
});

test('a run that dies between the send and its mark does not send again: the message stays taken (at most once)', async () => {
  await consent(P.resident, ['voteOpen']);
  const since = (await outbox(f)).length;
  const topicId = await openVote();
  process.env.HONGSE_CRASH_AT = 'messages.sendSubscriptions.after-send';
  const crashed = await drain();
  delete process.env.HONGSE_CRASH_AT;
  expect(crashed.ok).toBe(false);
  expect(await sentWith(voteOpen, since)).toHaveLength(1);
  const mine = f.find('messages', { _id: `topic:${topicId}:vote-open:user-resident` })[0]!;
  expect((mine.push as { state: string }).state).toBe('sending');

  await drainAll();
  await drainAll();
  expect(await sentWith(voteOpen, since)).toHaveLength(1);
  expect(
    (f.find('messages', { _id: `topic:${topicId}:vote-open:user-resident` })[0]!.push as { state: string }).state,
  ).toBe('sending');
});

test('consent is recorded only for the queued kinds, and only as the caller', async () => {
  const bad = await f.call(P.resident, 'messages', 'recordConsent', { kinds: ['wishProgress'] });
  expect(bad.ok).toBe(false);
  await consent(P.member, ['voteOpen', 'topicProgress']);
  expect(f.find('subscription_consents', { userId: 'user-resident' }).every((c) => c.userId === 'user-resident')).toBe(
    true,
  );
  expect(countOf('user-member:voteOpen')).toBe(1);
  expect(countOf('user-member:topicProgress')).toBe(1);
});

/** Every eligible household has voted 'agree' an hour ago (so the vote passes when closed). */
function everyHouseholdAgrees(topicId: string): void {
  f.insert(
    'ballots',
    eligibleOf(f).map((e) => ({
      _id: `${topicId}:${e.h}`,
      topicId,
      householdId: e.h,
      areaCents: e.a,
      choice: 'agree',
      userId: 'user-resident',
      castAt: new Date(Date.now() - 3_600_000),
    })),
  );
}

describe('the vote’s result (公示)', () => {
  test('a passed vote tells each resident of the building once that it is in 公示, and sends 议题进展通知 to one who consented', async () => {
    const topicId = await topicIn(f, 'vote');
    await drainAll(); // the opening's own reminders
    await consent(P.resident, ['topicProgress']);
    everyHouseholdAgrees(topicId);
    const since = (await outbox(f)).length;
    const closed = expectOk(await f.call(P.leader, 'deliberation', 'closeVote', { topicId }), TopicDetail);
    expect(closed.step).toBe('notice');
    // The result is owed to the residents (ADR 0038), not to the closer; the resident's message
    // centre delivers their share.
    const owedTo = f.find('topics', { _id: topicId })[0]!.owedTo as string[];
    expect(owedTo).toContain('user-resident');
    expect(owedTo).not.toContain('user-leader');
    expect(resultKeys(await messageCentreOf(P.resident), topicId)).toEqual([`topic:${topicId}:result:user-resident`]);
    const told = f.find('messages').filter((m) => (m._id as string).startsWith(`topic:${topicId}:result:`));
    expect(told.map((m) => m.userId)).toEqual(['user-resident']);
    expect(told[0]).toMatchObject({ title: '议题表决通过，进入公示', kind: 'topic' });
    expect(f.find('topics', { _id: topicId })[0]!.owedTo).not.toContain('user-resident');

    await drainAll();
    const sent = (await sentWith(topicProgress, since)).filter((m) => m.touser === P.resident);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ touser: P.resident, data: { phrase2: { value: '公示中' } } });
  });

  test('a vote a leader closed reaches a consenting resident’s phone from the send timer alone, before she opens the app', async () => {
    const topicId = await topicIn(f, 'vote');
    await drainAll();
    await consent(P.resident, ['topicProgress']);
    everyHouseholdAgrees(topicId);
    const since = (await outbox(f)).length;
    expectOk(await f.call(P.leader, 'deliberation', 'closeVote', { topicId }), TopicDetail);
    expect(f.find('topics', { _id: topicId })[0]!.owedTo).toContain('user-resident');

    await drainAll();
    const sent = (await sentWith(topicProgress, since)).filter((m) => m.touser === P.resident);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ data: { phrase2: { value: '公示中' } } });
    const topic = f.find('topics', { _id: topicId })[0]!;
    expect((topic.outbox as Record<string, unknown> | undefined)?.result).toBeUndefined();
    expect(topic.owedTo ?? []).not.toContain('user-resident');
    // Her message centre then shows the one message, told once.
    expect(resultKeys(await messageCentreOf(P.resident), topicId)).toEqual([`topic:${topicId}:result:user-resident`]);
  });

  test('a vote closed by the scheduler that failed tells the residents it did not pass', async () => {
    const topicId = await topicIn(f, 'vote');
    expect(((await f.server.functions.fireTimer('deliberation', 'close-windows')) as { ok: boolean }).ok).toBe(true);
    expect(f.find('topics', { _id: topicId })[0]!.step).toBe('ended');
    expect(resultKeys(await messageCentreOf(P.resident), topicId)).toEqual([`topic:${topicId}:result:user-resident`]);
    expect(f.find('messages', { _id: `topic:${topicId}:result:user-resident` })[0]).toMatchObject({
      title: '议题表决未通过',
    });
  });
});

describe('the send queue, community by community (bounded, ADR 0041)', () => {
  const at = new Date();
  /** `n` queued 投票开始 messages in `communityId` for `userId`, one per topic `<prefix>-<i>`, with `consents` counted. */
  function queue(communityId: string, userId: string, prefix: string, n: number, consents: number): string[] {
    const ids = Array.from({ length: n }, (_, i) => `topic:${prefix}-${i}:vote-open:${userId}`);
    f.insert(
      'messages',
      ids.map((_id, i) => ({
        _id,
        userId,
        communityId,
        kind: 'topic',
        title: '议题开始投票',
        body: '请代表您的房屋投票。',
        link: `/packages/deliberation/pages/topic/index?id=${prefix}-${i}`,
        read: false,
        createdAt: new Date(at.getTime() + i * 1000),
        push: {
          kind: 'voteOpen',
          values: { topicId: `${prefix}-${i}`, topicTitle: `议题${i}`, closesAt: at, notice: '请代表您的房屋投票' },
          state: 'queued',
        },
      })),
    );
    f.insert('subscription_consents', [
      { _id: `${userId}:voteOpen`, userId, kind: 'voteOpen', count: consents, updatedAt: at },
    ]);
    return ids;
  }
  const run = (limits: { budget: number; perCommunity: number }) => sendSubscriptions({ ctx: localCtx(), limits });
  const sentFor = async (prefix: string, since: number) =>
    (await outbox(f)).slice(since).filter((m) => String((m as { page?: string }).page).includes(`id=${prefix}-`));
  const stateOf = (id: string) => (f.find('messages', { _id: id })[0]!.push as { state: string }).state;

  beforeAll(async () => {
    await drainAll();
  });

  test('a community with a backlog takes its share and the run goes on: the other community is sent to in the same run, and later runs resume from the saved cursor, each message sent once', async () => {
    expect(OTHER < DEMO).toBe(true); // 东湖 comes first in the ring and holds the backlog
    const since = (await outbox(f)).length;
    const backlog = queue(OTHER, 'user-other-resident', 'tq-other', 10, 20);
    const small = queue(DEMO, 'user-liaison', 'tq-demo', 2, 2);
    const limits = { budget: 40, perCommunity: 11 };

    const first = await run(limits);
    expect(first.more).toBe(true);
    // 东湖 was cut off after two sends, its place saved; 幸福里's two were sent in the same run.
    expect(backlog.map(stateOf).filter((s) => s === 'sent')).toHaveLength(2);
    expect(small.map(stateOf)).toEqual(['sent', 'sent']);
    expect(f.find('job_cursors', { _id: `send-subscriptions:${OTHER}` })[0]?.state).toMatchObject({
      after: expect.any(String),
    });

    const rest = await untilDone(() => run(limits));
    expect(backlog.map(stateOf).every((s) => s === 'sent')).toBe(true);
    expect([first, ...rest].reduce((n, r) => n + r.sent, 0)).toBe(12);
    const backlogSent = await sentFor('tq-other', since);
    expect(backlogSent).toHaveLength(10);
    expect(new Set(backlogSent.map((m) => (m as { page?: string }).page)).size).toBe(10);
    expect(backlogSent.every((m) => m.touser === otherPersonas.resident)).toBe(true);
    expect(await sentFor('tq-demo', since)).toHaveLength(2);
    // One consent used per message; the community's cursor cleared once its queue was done.
    expect(countOf('user-other-resident:voteOpen')).toBe(10);
    expect(countOf('user-liaison:voteOpen')).toBe(0);
    expect(f.find('job_cursors', { _id: `send-subscriptions:${OTHER}` })[0]?.state ?? null).toBeNull();
    // A further run finds nothing to send and writes nothing.
    const again = await f.expectNothingWritten(() => run(limits));
    expect(again).toMatchObject({ sent: 0, inApp: 0, refused: 0, more: false });
  });

  test('a cut-off run that died after a send resumes with the rest and never sends that message again (at most once)', async () => {
    const since = (await outbox(f)).length;
    const ids = queue(OTHER, 'user-other-admin', 'tq-crash', 5, 5);
    process.env.HONGSE_CRASH_AT = 'messages.sendSubscriptions.after-send';
    await expect(run({ budget: 40, perCommunity: 11 })).rejects.toBeInstanceOf(SimulatedCrash);
    delete process.env.HONGSE_CRASH_AT;
    expect(ids.map(stateOf)).toEqual(['sending', 'queued', 'queued', 'queued', 'queued']);

    await untilDone(() => run({ budget: 40, perCommunity: 11 }));
    await untilDone(() => run({ budget: 40, perCommunity: 11 }));
    expect(ids.map(stateOf)).toEqual(['sending', 'sent', 'sent', 'sent', 'sent']);
    const sent = await sentFor('tq-crash', since);
    expect(sent.map((m) => (m as { page?: string }).page).sort()).toEqual(
      ids.map((_, i) => `packages/deliberation/pages/topic/index?id=tq-crash-${i}`),
    );
    expect(countOf('user-other-admin:voteOpen')).toBe(0);
  });
});

describe('an approved 报到 with points (owed to the applicant by design)', () => {
  test('reaches a consenting applicant by 审核结果通知 from the timer alone, before they open the app, and is told once', async () => {
    declarePartyMembers(f, P.resident);
    await consent(P.resident, ['applicationResult']);
    const reg = await registerMember(f);
    expect((await decideRegistration(f, reg.id, { decision: 'approve' })).ok).toBe(true);
    const key = `registration:${reg.id}:decided`;
    expect(f.find('messages', { _id: key })).toEqual([]); // owed on the registration
    const since = (await outbox(f)).length;

    await drainAll();
    const sent = (await sentWith(subscriptions.applicationResult.templateId, since)).filter(
      (m) => m.touser === P.resident,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      page: 'packages/messages/pages/index/index',
      data: { thing1: { value: '党员报到申请' }, phrase2: { value: '已通过' } },
    });
    expect(f.find('messages', { _id: key })[0]).toMatchObject({
      userId: 'user-resident',
      push: { kind: 'applicationResult', state: 'sent' },
    });
    const stored = f.find('registrations', { _id: reg.id })[0]!;
    expect(stored.outbox).toBeUndefined();
    expect(stored.owedTo).toBeUndefined();
    // The applicant's own look delivers nothing more.
    expect((await f.call(P.resident, 'checkin', 'myRegistrations', {})).ok).toBe(true);
    expect(f.find('messages', { _id: key })).toHaveLength(1);
  });
});
