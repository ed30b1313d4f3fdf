/**
 * A binding decision is told to its applicant (docs/notifications.md): one message in their
 * message centre, keyed by the request, saying approved or rejected (with the reason) — and
 * nobody else is told.
 */
import { BindingRequest } from '../../types/account';
import { demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { expectError, expectOk } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const ask = async (openid: string, householdId: string) =>
  expectOk(await f.call(openid, 'account', 'requestBinding', { householdId, relation: 'tenant' }), BindingRequest);
const decide = (requestId: string, data: object) =>
  f.call(demoPersonas.admin, 'account', 'decideBinding', { requestId, ...data });
const toldAbout = (requestId: string) => f.find('messages').filter((m) => m._id === `binding:${requestId}:decided`);

test('approving a binding tells the applicant it passed, once, and tells nobody else', async () => {
  const request = await ask(demoPersonas.newcomer, 'hh-xfl-2-102');
  expect(toldAbout(request.id)).toEqual([]);
  expectOk(await decide(request.id, { decision: 'approve' }), BindingRequest);
  const told = toldAbout(request.id);
  expect(told).toHaveLength(1);
  expect(told[0]).toMatchObject({
    userId: 'user-newcomer',
    kind: 'account',
    title: '房屋绑定已通过',
    read: false,
    link: '/packages/account/pages/bind/index',
  });
  expect(told[0]!.body).toContain(request.householdLabel);
  // A second decision is refused and tells nobody again.
  expectError(await decide(request.id, { decision: 'reject', reason: '重复' }), 'PRECONDITION_FAILED');
  expect(toldAbout(request.id)).toHaveLength(1);
  expect(f.find('messages', { userId: 'user-admin' }).filter((m) => String(m._id).startsWith('binding:'))).toEqual([]);
});

test('rejecting a binding tells the applicant it did not pass, with the reason', async () => {
  const household = f.find('households', { buildingId: 'bld-xfl-2' }).find((h) => h._id !== 'hh-xfl-2-102')!;
  const request = await ask(demoPersonas.newcomer, household._id as string);
  expectOk(await decide(request.id, { decision: 'reject', reason: '房屋信息不符' }), BindingRequest);
  const told = toldAbout(request.id);
  expect(told).toHaveLength(1);
  expect(told[0]).toMatchObject({ userId: 'user-newcomer', title: '房屋绑定未通过' });
  expect(told[0]!.body).toContain('房屋信息不符');
});
