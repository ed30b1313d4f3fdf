/**
 * A member's 报到 decision is told to its applicant (docs/notifications.md): one message in their
 * message centre, keyed by the registration, owed on the registration by the decision's own
 * transaction — so a decision that dies leaves no message, a decision that commits always owes or
 * has it, and nobody is told twice. A rejection (and an approval without points) delivers it at
 * once; an approval with points leaves it owed, and the applicant's next look at their
 * registrations delivers it.
 */
import { Registration } from '../../types/checkin';
import { crashAt, crashFixture } from '../support/crash-points';
import { decisionMessages, expectDecidedOnce, expectToldOnce } from '../support/decision-notices';
import { DEMO, demoPersonas } from '../support/fixtures';
import { declarePartyMembers, decideRegistration, expectError, expectOk, registerMember } from './helpers';

const f = crashFixture((started) => declarePartyMembers(started, demoPersonas.resident));

const register = () => registerMember(f);
const decide = (registrationId: string, data: object) => decideRegistration(f, registrationId, data);
const withdraw = (id: string) =>
  f.call(demoPersonas.resident, 'checkin', 'withdrawRegistration', { registrationId: id, reason: '工作调动' });
const toldAbout = (id: string) => decisionMessages(f, 'registration', id);
const mine = () => f.call(demoPersonas.resident, 'checkin', 'myRegistrations', {});
const owesMessage = (id: string) => {
  const [doc] = f.find('registrations', { _id: id });
  return Object.keys((doc?.outbox as object | undefined) ?? {}).length > 0;
};

test('approving a registration with points owes the applicant its message, which their next look at their registrations delivers, once; the deciding admin is told nothing', async () => {
  const reg = await register();
  expect(toldAbout(reg.id)).toEqual([]);
  expectOk(await decide(reg.id, { decision: 'approve' }), Registration);
  expect(f.find('point_ledger', { _id: `registration:${reg.id}` })).toHaveLength(1);
  expect(toldAbout(reg.id)).toEqual([]);
  expect(owesMessage(reg.id)).toBe(true);
  expect((await mine()).ok).toBe(true);
  expect(owesMessage(reg.id)).toBe(false);
  expect((await mine()).ok).toBe(true);
  expectToldOnce(
    toldAbout(reg.id),
    {
      userId: 'user-resident',
      communityId: DEMO,
      kind: 'checkin',
      title: '报到已通过',
      read: false,
      link: '/packages/checkin/pages/register/index',
    },
    reg.workUnitName,
  );
  await expectDecidedOnce(f, 'registration', reg.id, () => decide(reg.id, { decision: 'reject', reason: '重复' }));
  expect(expectOk(await withdraw(reg.id), Registration).status).toBe('withdrawn');
});

test('rejecting a registration tells the applicant it did not pass, with the reason', async () => {
  const reg = await register();
  expectOk(await decide(reg.id, { decision: 'reject', reason: '单位信息有误' }), Registration);
  expectToldOnce(toldAbout(reg.id), { userId: 'user-resident', title: '报到未通过' }, '单位信息有误');
  expect(owesMessage(reg.id)).toBe(false);
});

test('a rejection that dies after its commit, before telling, still tells the applicant once, at their next look at their registrations', async () => {
  const reg = await register();
  await crashAt('checkin.decideRegistration.before-message', () =>
    decide(reg.id, { decision: 'reject', reason: '单位信息有误' }),
  );
  expect(f.find('registrations', { _id: reg.id })[0]).toMatchObject({ status: 'rejected' });
  expect(toldAbout(reg.id)).toEqual([]);
  expectError(await decide(reg.id, { decision: 'reject', reason: '单位信息有误' }), 'PRECONDITION_FAILED');
  expect((await mine()).ok).toBe(true);
  expect((await mine()).ok).toBe(true);
  expect(toldAbout(reg.id)).toHaveLength(1);
  expect(toldAbout(reg.id)[0]).toMatchObject({ userId: 'user-resident', title: '报到未通过' });
});

test('a decision that dies inside its transaction leaves no message nor a debt, and after the next decide call the applicant is told once', async () => {
  const reg = await register();
  await crashAt('checkin.decideRegistration.in-transaction', () => decide(reg.id, { decision: 'approve' }));
  expect(toldAbout(reg.id)).toEqual([]);
  expect(owesMessage(reg.id)).toBe(false);
  expectOk(await decide(reg.id, { decision: 'approve' }), Registration);
  expect((await mine()).ok).toBe(true);
  expect(toldAbout(reg.id)).toHaveLength(1);
  expect(expectOk(await withdraw(reg.id), Registration).status).toBe('withdrawn');
});

test('the decision with its message costs at most eight database requests approving with points and rejecting, and the look that delivers an owed message at most four', async () => {
  const approved = await register();
  const approving = await f.okRequestsOf(() => decide(approved.id, { decision: 'approve' }));
  const delivering = await f.okRequestsOf(() => mine());
  const looking = await f.okRequestsOf(() => mine());
  expect(expectOk(await withdraw(approved.id), Registration).status).toBe('withdrawn');
  const rejected = await register();
  const rejecting = await f.okRequestsOf(() => decide(rejected.id, { decision: 'reject', reason: '单位信息有误' }));
  console.log(
    `[requests] decideRegistration with its message: approve ${approving}, reject ${rejecting}; myRegistrations delivering ${delivering}, then ${looking}`,
  );
  expect(toldAbout(approved.id)).toHaveLength(1);
  expect(toldAbout(rejected.id)).toHaveLength(1);
  expect(approving).toBeLessThanOrEqual(8);
  expect(rejecting).toBeLessThanOrEqual(8);
  expect(delivering).toBeLessThanOrEqual(4);
  expect(looking).toBeLessThanOrEqual(2);
});
