/**
 * An approval is a decision (one conditional write) and what it grants (the in-office member
 * role, the registration points), each idempotent: a decision that dies after its write is
 * finished by the next decide call on that registration, which is still refused as decided.
 */
import { Registration } from '../../types/checkin';
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { resetCrashPointsAfterEach } from '../support/crash-points';
import { declarePartyMembers, expectError, expectOk } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  declarePartyMembers(f, demoPersonas.resident);
});
afterAll(() => f.stop());
resetCrashPointsAfterEach();

test('an approval that died after its decision is finished by the next decide call: the role and the points, once', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const reg = expectOk(
    await f.call(demoPersonas.resident, 'checkin', 'registerMember', {
      communityId: DEMO,
      workUnitId: 'wu-hospital',
      householdId: 'hh-xfl-1-102',
      intentions: ['elderly'],
    }),
    Registration,
  );
  const decide = () =>
    f.call(demoPersonas.admin, 'checkin', 'decideRegistration', { registrationId: reg.id, decision: 'approve' });
  process.env.HONGSE_CRASH_AT = 'checkin.decideRegistration.after-decision';
  expectError(await decide(), 'INTERNAL', 'internal.unexpected');
  delete process.env.HONGSE_CRASH_AT;
  expect(f.find('registrations', { _id: reg.id })[0]!.status).toBe('approved');
  const role = () => f.find('roles', { _id: `member:user-resident:${DEMO}` });
  const credits = () => f.find('point_ledger', { _id: `registration:${reg.id}` });
  expect(role()).toHaveLength(0);
  expect(credits()).toHaveLength(0);

  expectError(await decide(), 'PRECONDITION_FAILED', 'registration.not-pending');
  expect(role()).toEqual([expect.objectContaining({ kind: 'member', memberType: 'in_office' })]);
  expect(credits()).toHaveLength(1);
  expectError(await decide(), 'PRECONDITION_FAILED', 'registration.not-pending');
  expect(credits()).toHaveLength(1);
});
