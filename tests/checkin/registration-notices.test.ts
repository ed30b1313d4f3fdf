/**
 * A member's 报到 decision is told to its applicant (docs/notifications.md): one message in their
 * message centre, keyed by the registration, added in the decision's own transaction — so a
 * decision that dies leaves no message, a decision that commits always has it, and nobody is told
 * twice.
 */
import { Registration } from '../../types/checkin';
import { resetCrashPointsAfterEach } from '../support/crash-points';
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { declarePartyMembers, expectError, expectOk } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  declarePartyMembers(f, demoPersonas.resident);
});
afterAll(() => f.stop());
resetCrashPointsAfterEach({ quiet: true });

const input = { communityId: DEMO, workUnitId: 'wu-hospital', householdId: 'hh-xfl-1-102', intentions: ['elderly'] };
const register = async () =>
  expectOk(await f.call(demoPersonas.resident, 'checkin', 'registerMember', input), Registration);
const decide = (registrationId: string, data: object) =>
  f.call(demoPersonas.admin, 'checkin', 'decideRegistration', { registrationId, ...data });
const withdraw = (id: string) =>
  f.call(demoPersonas.resident, 'checkin', 'withdrawRegistration', { registrationId: id, reason: '工作调动' });
const toldAbout = (id: string) => f.find('messages').filter((m) => m._id === `registration:${id}:decided`);

test('approving a registration tells the applicant it passed, once, and tells the deciding admin nothing', async () => {
  const reg = await register();
  expect(toldAbout(reg.id)).toEqual([]);
  expectOk(await decide(reg.id, { decision: 'approve' }), Registration);
  const told = toldAbout(reg.id);
  expect(told).toHaveLength(1);
  expect(told[0]).toMatchObject({
    userId: 'user-resident',
    communityId: DEMO,
    kind: 'checkin',
    title: '报到已通过',
    read: false,
    link: '/packages/checkin/pages/register/index',
  });
  expect(told[0]!.body).toContain(reg.workUnitName);
  expectError(await decide(reg.id, { decision: 'reject', reason: '重复' }), 'PRECONDITION_FAILED');
  expect(toldAbout(reg.id)).toHaveLength(1);
  expect(f.find('messages', { userId: 'user-admin' }).filter((m) => String(m._id).startsWith('registration:'))).toEqual(
    [],
  );
  expect(expectOk(await withdraw(reg.id), Registration).status).toBe('withdrawn');
});

test('rejecting a registration tells the applicant it did not pass, with the reason', async () => {
  const reg = await register();
  expectOk(await decide(reg.id, { decision: 'reject', reason: '单位信息有误' }), Registration);
  const told = toldAbout(reg.id);
  expect(told).toHaveLength(1);
  expect(told[0]).toMatchObject({ userId: 'user-resident', title: '报到未通过' });
  expect(told[0]!.body).toContain('单位信息有误');
});

test('a decision that dies inside its transaction leaves no message, and the next decide call tells the applicant once', async () => {
  const reg = await register();
  process.env.HONGSE_CRASH_AT = 'checkin.decideRegistration.in-transaction';
  expectError(await decide(reg.id, { decision: 'approve' }), 'INTERNAL', 'internal.unexpected');
  delete process.env.HONGSE_CRASH_AT;
  expect(toldAbout(reg.id)).toEqual([]);
  expectOk(await decide(reg.id, { decision: 'approve' }), Registration);
  expect(toldAbout(reg.id)).toHaveLength(1);
  expect(expectOk(await withdraw(reg.id), Registration).status).toBe('withdrawn');
});

test('the decision with its message costs at most nine database requests approving (one more than without it) and seven rejecting', async () => {
  const approved = await register();
  const approving = await f.okRequestsOf(() => decide(approved.id, { decision: 'approve' }));
  expect(expectOk(await withdraw(approved.id), Registration).status).toBe('withdrawn');
  const rejected = await register();
  const rejecting = await f.okRequestsOf(() => decide(rejected.id, { decision: 'reject', reason: '单位信息有误' }));
  console.log(`[requests] decideRegistration with its message: approve ${approving}, reject ${rejecting}`);
  expect(toldAbout(approved.id)).toHaveLength(1);
  expect(toldAbout(rejected.id)).toHaveLength(1);
  expect(approving).toBeLessThanOrEqual(9);
  expect(rejecting).toBeLessThanOrEqual(7);
});
