/**
 * A moment's messages are written with its act (`outbox` on the act's document,
 * cloudfunctions/_shared/outbox.ts, ADR 0031). For each moment that tells after its act, a
 * process that dies between the act and the messages leaves them owed on the document, and the
 * act's retry or the next request that reads the document tells each person exactly once.
 */
import { BindingRequest, BindingRequestPage, MeResult } from '../../types/account';
import { UnitRegistrationPage } from '../../types/checkin';
import { TopicDetail, TopicPage } from '../../types/deliberation';
import { crashFixture, crashing } from '../support/crash-points';
import { DEMO, demoPersonas as P, messageKeys } from '../support/fixtures';
import { expectError, expectOk } from '../account/helpers';
import { applyForUnit, decideUnit } from '../checkin/helpers';
import { inFuture, openInput, topicIn } from '../deliberation/helpers';

const f = crashFixture();

/** The messages whose key starts with `prefix`, by key. */
const keyed = (prefix: string) => messageKeys(f, prefix);

describe('deliberation.open', () => {
  test('an opening that dies after its insert owes the residents their messages, and the next view of the topic tells each once', async () => {
    const title = '1号楼楼道照明改造';
    const error = await crashing('deliberation.open.after-insert', () =>
      f.call(P.leader, 'deliberation', 'open', openInput({ title })),
    );
    expectError(error, 'INTERNAL', 'internal.unexpected');
    const topic = f.find('topics', { title })[0]!;
    const id = topic._id as string;
    expect(keyed(`topic:${id}:opened:`)).toEqual([]);
    const owedTo = (topic.outbox as { opened: { to: unknown[] } }).opened.to.length;
    expect(owedTo).toBeGreaterThan(1);

    expectOk(await f.call(P.resident, 'deliberation', 'get', { topicId: id }), TopicDetail);
    expect(keyed(`topic:${id}:opened:`)).toHaveLength(owedTo);
    expect(keyed(`topic:${id}:opened:`)).toContain(`topic:${id}:opened:user-resident`);
    expect(f.find('topics', { _id: id })[0]!.outbox).toEqual({});
    expectOk(await f.call(P.leader, 'deliberation', 'get', { topicId: id }), TopicDetail);
    expect(keyed(`topic:${id}:opened:`)).toHaveLength(owedTo);
  });

  test('the topic list delivers what a dead opening owes, once', async () => {
    const title = '1号楼自行车棚整修';
    await crashing('deliberation.open.after-insert', () =>
      f.call(P.leader, 'deliberation', 'open', openInput({ title })),
    );
    const id = f.find('topics', { title })[0]!._id as string;
    expect(keyed(`topic:${id}:opened:`)).toEqual([]);
    expectOk(await f.call(P.resident, 'deliberation', 'list', { communityId: DEMO }), TopicPage);
    const told = keyed(`topic:${id}:opened:`);
    expect(told).toContain(`topic:${id}:opened:user-resident`);
    expectOk(await f.call(P.resident, 'deliberation', 'list', { communityId: DEMO }), TopicPage);
    expect(keyed(`topic:${id}:opened:`)).toEqual(told);
  });
});

describe('deliberation.advance to vote', () => {
  test("a move to vote that dies before its messages owes them on the topic, and the mover's retry tells each resident once", async () => {
    const topicId = await topicIn(f, 'review');
    const advance = () =>
      f.call(P.leader, 'deliberation', 'advance', {
        topicId,
        to: 'vote',
        rule: 'simple',
        closesAt: inFuture(3_600_000),
      });
    expectError(await crashing('deliberation.advance.before-messages', advance), 'INTERNAL', 'internal.unexpected');
    expect(f.find('topics', { _id: topicId })[0]!.step).toBe('vote');
    expect(keyed(`topic:${topicId}:vote-open:`)).toEqual([]);

    // The retry finds the topic moved (refused), but first tells what the move owes.
    expectError(await advance(), 'PRECONDITION_FAILED');
    const told = keyed(`topic:${topicId}:vote-open:`);
    expect(told).toContain(`topic:${topicId}:vote-open:user-resident`);
    expect(f.find('topics', { _id: topicId })[0]!.outbox).toEqual({});
    expectOk(await f.call(P.resident, 'deliberation', 'get', { topicId }), TopicDetail);
    expect(keyed(`topic:${topicId}:vote-open:`)).toEqual(told);
  });
});

describe('account.decideBinding', () => {
  const ask = async (householdId: string) =>
    expectOk(
      await f.call(P.newcomer, 'account', 'requestBinding', { householdId, relation: 'tenant' }),
      BindingRequest,
    );
  const decide = (requestId: string, data: object) =>
    f.call(P.admin, 'account', 'decideBinding', { requestId, ...data });

  test("an approval that dies before its message owes it on the request, and the decider's retry tells the applicant once", async () => {
    const request = await ask('hh-xfl-2-102');
    const key = `binding:${request.id}:decided`;
    expectError(
      await crashing('account.decideBinding.before-message', () => decide(request.id, { decision: 'approve' })),
      'INTERNAL',
      'internal.unexpected',
    );
    expect(f.find('binding_requests', { _id: request.id })[0]!.status).toBe('approved');
    expect(keyed(key)).toEqual([]);

    expectError(await decide(request.id, { decision: 'approve' }), 'PRECONDITION_FAILED');
    expect(keyed(key)).toEqual([key]);
    expect(f.find('messages', { _id: key })[0]).toMatchObject({ userId: 'user-newcomer', title: '房屋绑定已通过' });
    expectError(await decide(request.id, { decision: 'approve' }), 'PRECONDITION_FAILED');
    expect(keyed(key)).toEqual([key]);
  });

  test('a rejection that dies before its message is told once when the applicant next opens their profile', async () => {
    const household = f.find('households', { buildingId: 'bld-xfl-2' }).find((h) => h._id !== 'hh-xfl-2-102')!;
    const request = await ask(household._id as string);
    const key = `binding:${request.id}:decided`;
    await crashing('account.decideBinding.before-message', () =>
      decide(request.id, { decision: 'reject', reason: '房屋信息不符' }),
    );
    expect(keyed(key)).toEqual([]);
    expectOk(await f.call(P.newcomer, 'account', 'me', {}), MeResult);
    expect(f.find('messages', { _id: key })[0]).toMatchObject({ title: '房屋绑定未通过' });
    expectOk(await f.call(P.admin, 'account', 'listBindingRequests', { communityId: DEMO }), BindingRequestPage);
    expect(keyed(key)).toEqual([key]);
    expect(f.find('binding_requests', { _id: request.id })[0]!.outbox).toEqual({});
  });
});

describe('checkin.decideUnitRegistration', () => {
  const apply = (name: string) => applyForUnit(f, name);
  const decide = (unitRegistrationId: string, data: object) => decideUnit(f, unitRegistrationId, data);

  test("an approval that dies before its message owes it on the application, and the admin's retry tells the applicant once", async () => {
    const app = await apply('区档案馆');
    const key = `unit-registration:${app.id}:decided`;
    expectError(
      await crashing('checkin.decideUnitRegistration.before-message', () => decide(app.id, { decision: 'approve' })),
      'INTERNAL',
      'internal.unexpected',
    );
    expect(f.find('unit_registrations', { _id: app.id })[0]!.status).toBe('approved');
    expect(keyed(key)).toEqual([]);
    expectError(await decide(app.id, { decision: 'approve' }), 'PRECONDITION_FAILED');
    expect(f.find('messages', { _id: key })[0]).toMatchObject({ userId: 'user-resident', title: '单位报到已通过' });
    expectError(await decide(app.id, { decision: 'approve' }), 'PRECONDITION_FAILED');
    expect(keyed(key)).toEqual([key]);
  });

  test('a rejection that dies before its message is told once when an admin next lists the applications', async () => {
    const app = await apply('区少年宫');
    const key = `unit-registration:${app.id}:decided`;
    await crashing('checkin.decideUnitRegistration.before-message', () =>
      decide(app.id, { decision: 'reject', reason: '名称有误' }),
    );
    expect(keyed(key)).toEqual([]);
    expectOk(await f.call(P.admin, 'checkin', 'listUnitRegistrations', { communityId: DEMO }), UnitRegistrationPage);
    expect(f.find('messages', { _id: key })[0]).toMatchObject({ title: '单位报到未通过' });
    expectOk(await f.call(P.admin, 'checkin', 'listUnitRegistrations', { communityId: DEMO }), UnitRegistrationPage);
    expect(keyed(key)).toEqual([key]);
  });
});
