/**
 * A decision is one transaction with what it grants (the status, the in-office member role, the
 * registration points and the audit entry), keyed by the audit entry every move out of `pending`
 * adds — a decision or a withdrawal while pending (ADR 0017). So a decision that dies leaves
 * nothing, racing deciders produce one decision, and a withdrawal racing an approval never leaves
 * a role behind.
 */
import { Registration } from '../../types/checkin';
import { DEMO, demoPersonas } from '../support/fixtures';
import { crashAt, crashFixture } from '../support/crash-points';
import { balanceOf, declarePartyMembers, decideRegistration, expectError, expectOk, registerMember } from './helpers';

const f = crashFixture((started) => declarePartyMembers(started, demoPersonas.resident));

const register = () => registerMember(f);
const approve = (id: string) => decideRegistration(f, id, { decision: 'approve' });
const reject = (id: string) => decideRegistration(f, id, { decision: 'reject', reason: '单位信息有误' });
const withdraw = (id: string) =>
  f.call(demoPersonas.resident, 'checkin', 'withdrawRegistration', { registrationId: id, reason: '工作调动' });
/** In even rounds the call at once; in odd ones after a pause of a few milliseconds. */
const later = <T>(round: number, call: () => Promise<T>) =>
  round % 2 === 0
    ? call()
    : new Promise<T>((resolve, reject) => setTimeout(() => call().then(resolve, reject), round >> 1));
const role = () => f.find('roles', { _id: `member:user-resident:${DEMO}` });
const credits = (id: string) => f.find('point_ledger', { _id: `registration:${id}` });
const audits = (id: string) => f.find('audit_log', { targetId: id });

test('an approval that dies inside its transaction leaves nothing, and the next decide call approves it with the role and the points once', async () => {
  const reg = await register();
  await crashAt('checkin.decideRegistration.in-transaction', () => approve(reg.id));
  expect(f.find('registrations', { _id: reg.id })[0]!.status).toBe('pending');
  expect(role()).toHaveLength(0);
  expect(credits(reg.id)).toHaveLength(0);
  expect(audits(reg.id)).toHaveLength(0);

  expect(expectOk(await approve(reg.id), Registration).status).toBe('approved');
  expect(role()).toEqual([expect.objectContaining({ kind: 'member', memberType: 'in_office' })]);
  expect(credits(reg.id)).toHaveLength(1);
  expect(audits(reg.id)).toHaveLength(1);
  expectError(await approve(reg.id), 'PRECONDITION_FAILED', 'registration.not-pending');
  expect(credits(reg.id)).toHaveLength(1);

  // Clean up for the next test: the member withdraws, which takes the role away.
  expect(expectOk(await withdraw(reg.id), Registration).status).toBe('withdrawn');
  expect(role()).toHaveLength(0);
});

test('a rejection that dies inside its transaction keeps the registration pending and its lock held', async () => {
  const reg = await register();
  await crashAt('checkin.decideRegistration.in-transaction', () => reject(reg.id));
  expect(f.find('registrations', { _id: reg.id })[0]!.status).toBe('pending');
  expect(f.find('locks', { _id: `registration:user-resident:${DEMO}` })).toHaveLength(1);
  expect(audits(reg.id)).toHaveLength(0);

  expect(expectOk(await reject(reg.id), Registration).status).toBe('rejected');
  expect(f.find('locks', { _id: `registration:user-resident:${DEMO}` })).toHaveLength(0);
});

test('an approval racing the withdrawal of the same registration never leaves a role behind, and credits at most once', async () => {
  const before = balanceOf(f, DEMO, 'user-resident');
  let approvals = 0;
  for (let round = 0; round < 10; round++) {
    const reg = await register();
    // Every other round the approval starts a little later, so both orders of the commits occur.
    const [decided, withdrawn] = await Promise.all([later(round, () => approve(reg.id)), withdraw(reg.id)]);
    // The withdrawal always ends it: from pending (the approval then refused), or from approved.
    expect(expectOk(withdrawn, Registration).status).toBe('withdrawn');
    expect(f.find('registrations', { _id: reg.id })[0]!.status).toBe('withdrawn');
    expect(role()).toHaveLength(0);
    expect(f.find('locks', { _id: `registration:user-resident:${DEMO}` })).toHaveLength(0);
    if (decided.ok) {
      approvals++;
      expect(credits(reg.id)).toHaveLength(1);
      expect(
        audits(reg.id)
          .map((a) => a.action as string)
          .sort(),
      ).toEqual(['checkin.decideRegistration', 'checkin.withdrawRegistration']);
    } else {
      expectError(decided, 'PRECONDITION_FAILED', 'registration.not-pending');
      expect(credits(reg.id)).toHaveLength(0);
      expect(audits(reg.id)).toEqual([
        expect.objectContaining({ action: 'checkin.withdrawRegistration', before: { status: 'pending' } }),
      ]);
    }
  }
  expect(balanceOf(f, DEMO, 'user-resident')).toBe(before + 10 * approvals);
});

test('of a rejection and a withdrawal racing on a pending registration exactly one happens, with its own audit entry', async () => {
  for (let round = 0; round < 6; round++) {
    const reg = await register();
    const [decided, withdrawn] = await Promise.all([later(round, () => reject(reg.id)), withdraw(reg.id)]);
    expect([decided.ok, withdrawn.ok].filter(Boolean)).toHaveLength(1);
    const status = f.find('registrations', { _id: reg.id })[0]!.status;
    expect(status).toBe(decided.ok ? 'rejected' : 'withdrawn');
    expectError(decided.ok ? withdrawn : decided, 'PRECONDITION_FAILED', 'registration.not-pending');
    expect(audits(reg.id)).toHaveLength(1);
    expect(f.find('locks', { _id: `registration:user-resident:${DEMO}` })).toHaveLength(0);
  }
});

test('racing approvals and rejections of one registration make exactly one decision', async () => {
  const reg = await register();
  const bodies = await Promise.all([approve(reg.id), reject(reg.id), approve(reg.id), reject(reg.id)]);
  expect(bodies.filter((b) => b.ok)).toHaveLength(1);
  const status = f.find('registrations', { _id: reg.id })[0]!.status;
  expect(credits(reg.id)).toHaveLength(status === 'approved' ? 1 : 0);
  expect(role()).toHaveLength(status === 'approved' ? 1 : 0);
  expect(audits(reg.id)).toHaveLength(1);
});
