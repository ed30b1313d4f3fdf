/**
 * A binding decision is told to its applicant (docs/notifications.md): one message in their
 * message centre, keyed by the request, saying approved or rejected (with the reason) — and
 * nobody else is told.
 */
import { BindingRequest } from '../../types/account';
import { demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { decisionMessages, expectDecidedOnce, expectToldOnce } from '../support/decision-notices';
import { expectOk } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const ask = async (openid: string, householdId: string) =>
  expectOk(await f.call(openid, 'account', 'requestBinding', { householdId, relation: 'tenant' }), BindingRequest);
const decide = (requestId: string, data: object) =>
  f.call(demoPersonas.admin, 'account', 'decideBinding', { requestId, ...data });
const toldAbout = (requestId: string) => decisionMessages(f, 'binding', requestId);

test('approving a binding tells the applicant it passed, once, and tells nobody else', async () => {
  const request = await ask(demoPersonas.newcomer, 'hh-xfl-2-102');
  expect(toldAbout(request.id)).toEqual([]);
  expectOk(await decide(request.id, { decision: 'approve' }), BindingRequest);
  expectToldOnce(
    toldAbout(request.id),
    {
      userId: 'user-newcomer',
      kind: 'account',
      title: '房屋绑定已通过',
      read: false,
      link: '/packages/account/pages/bind/index',
    },
    request.householdLabel,
  );
  // A second decision is refused and tells nobody again.
  await expectDecidedOnce(f, 'binding', request.id, () => decide(request.id, { decision: 'reject', reason: '重复' }));
});

test('rejecting a binding tells the applicant it did not pass, with the reason', async () => {
  const household = f.find('households', { buildingId: 'bld-xfl-2' }).find((h) => h._id !== 'hh-xfl-2-102')!;
  const request = await ask(demoPersonas.newcomer, household._id as string);
  expectOk(await decide(request.id, { decision: 'reject', reason: '房屋信息不符' }), BindingRequest);
  expectToldOnce(toldAbout(request.id), { userId: 'user-newcomer', title: '房屋绑定未通过' }, '房屋信息不符');
});
