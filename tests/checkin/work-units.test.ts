/**
 * Work-unit registration (单位报到): a person applies for their unit; an admin approves (the
 * work unit is created with the applicant as liaison, who then sees their unit's members) or
 * rejects; unit names are unique within a community.
 */
import { Registration, RegistrationPage, UnitRegistration, UnitRegistrationPage } from '../../types/checkin';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { declarePartyMembers, expectError, expectOk } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  declarePartyMembers(f, demoPersonas.councilChair);
});
afterAll(async () => {
  await f.stop();
});

const apply = (openid: string | null, data: object) => f.call(openid, 'checkin', 'registerWorkUnit', data);
const decide = (openid: string | null, data: object) => f.call(openid, 'checkin', 'decideUnitRegistration', data);
const list = (openid: string | null, data: object) => f.call(openid, 'checkin', 'listUnitRegistrations', data);

const unit = {
  communityId: DEMO,
  name: '区妇幼保健院',
  partyOrgName: '区妇幼保健院党支部',
  contactPhone: '13912345678',
};
let application: UnitRegistration;

describe('checkin.registerWorkUnit', () => {
  test('records a pending application with the applicant and the contact phone', async () => {
    application = expectOk(await apply(demoPersonas.resident, unit), UnitRegistration);
    expect(application).toMatchObject({
      communityId: DEMO,
      applicantId: 'user-resident',
      applicantName: '张秀英',
      name: '区妇幼保健院',
      partyOrgName: '区妇幼保健院党支部',
      contactPhone: '13912345678',
      status: 'pending',
      workUnitId: null,
      decidedAt: null,
    });
  });

  test('refuses a second application for a pending name, or a registered name, as CONFLICT', async () => {
    const pending = await f.expectNothingWritten(() => apply(demoPersonas.member, unit));
    expectError(pending, 'CONFLICT', 'unit-registration.already-pending');
    const taken = await f.expectNothingWritten(() => apply(demoPersonas.member, { ...unit, name: '和平小学' }));
    expectError(taken, 'CONFLICT', 'work-unit.duplicate-name');
  });

  test('refuses a bad phone, an empty name or an unknown field as VALIDATION, and writes nothing', async () => {
    for (const data of [
      { ...unit, contactPhone: '12345' },
      { ...unit, name: ' ' },
      { ...unit, liaisonUserId: 'user-admin' },
    ]) {
      expectError(await f.expectNothingWritten(() => apply(demoPersonas.member, data)), 'VALIDATION', 'input.invalid');
    }
  });

  test('refuses a caller without a profile as FORBIDDEN, an unknown community as NOT_FOUND', async () => {
    expectError(await f.expectNothingWritten(() => apply('no-profile-yet', unit)), 'FORBIDDEN', 'account.no-profile');
    const missing = await f.expectNothingWritten(() => apply(demoPersonas.member, { ...unit, communityId: 'nowhere' }));
    expectError(missing, 'NOT_FOUND', 'community.not-found');
  });

  test('refuses an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(await f.expectNothingWritten(() => apply(null, unit)), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

describe('checkin.listUnitRegistrations', () => {
  test("shows an admin the community's applications, newest first, in full", async () => {
    expectOk(
      await apply(demoPersonas.leader, { ...unit, name: '区档案馆', contactPhone: '0571-88001234' }),
      UnitRegistration,
    );
    const page = expectOk(await list(demoPersonas.admin, { communityId: DEMO }), UnitRegistrationPage);
    expect(page.items.map((u) => [u.name, u.applicantName, u.contactPhone])).toEqual([
      ['区档案馆', '陈志强', '0571-88001234'],
      ['区妇幼保健院', '张秀英', '13912345678'],
    ]);
    const paged = expectOk(await list(demoPersonas.admin, { communityId: DEMO, limit: 1 }), UnitRegistrationPage);
    expect(paged.nextCursor).toEqual(expect.any(String));
    const none = expectOk(
      await list(demoPersonas.admin, { communityId: DEMO, status: 'approved' }),
      UnitRegistrationPage,
    );
    expect(none.items).toEqual([]);
  });

  test("refuses non-admins and each community's admin the other community as FORBIDDEN", async () => {
    for (const openid of [demoPersonas.resident, demoPersonas.liaison, demoPersonas.leader, otherPersonas.admin]) {
      expectError(await list(openid, { communityId: DEMO }), 'FORBIDDEN', 'auth.not-admin');
    }
    expectError(await list(demoPersonas.admin, { communityId: OTHER }), 'FORBIDDEN', 'auth.not-admin');
  });

  test('refuses a bad status as VALIDATION and an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(await list(demoPersonas.admin, { communityId: DEMO, status: 'open' }), 'VALIDATION', 'input.invalid');
    expectError(await list(null, { communityId: DEMO }), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

describe('checkin.decideUnitRegistration', () => {
  test('refuses the applicant, a liaison and an admin of another community as FORBIDDEN', async () => {
    for (const openid of [demoPersonas.resident, demoPersonas.liaison, otherPersonas.admin]) {
      const body = await f.expectNothingWritten(() =>
        decide(openid, { unitRegistrationId: application.id, decision: 'approve' }),
      );
      expectError(body, 'FORBIDDEN', 'auth.not-admin');
    }
  });

  test('refuses an admin deciding their own unit application, which would make them its liaison, and writes nothing', async () => {
    const own = expectOk(await apply(demoPersonas.admin, { ...unit, name: '区文化馆' }), UnitRegistration);
    for (const decision of [{ decision: 'approve' }, { decision: 'reject', reason: '自己审核自己' }]) {
      const body = await f.expectNothingWritten(() =>
        decide(demoPersonas.admin, { unitRegistrationId: own.id, ...decision }),
      );
      expectError(body, 'FORBIDDEN', 'registration.own');
    }
    expect(f.find('work_units', { name: '区文化馆' })).toEqual([]);
  });

  test('refuses a rejection without a reason as VALIDATION', async () => {
    const body = await f.expectNothingWritten(() =>
      decide(demoPersonas.admin, { unitRegistrationId: application.id, decision: 'reject' }),
    );
    expect(expectError(body, 'VALIDATION', 'input.invalid').fields).toHaveProperty('reason');
  });

  test('approves: creates the work unit with the applicant as liaison and the liaison role, audited', async () => {
    const decided = expectOk(
      await decide(demoPersonas.admin, { unitRegistrationId: application.id, decision: 'approve' }),
      UnitRegistration,
    );
    expect(decided.status).toBe('approved');
    const unitId = decided.workUnitId!;
    expect(f.find('work_units', { _id: unitId })).toEqual([
      expect.objectContaining({
        communityId: DEMO,
        name: '区妇幼保健院',
        partyOrgName: '区妇幼保健院党支部',
        contactPhone: '13912345678',
        liaisonUserId: 'user-resident',
      }),
    ]);
    expect(f.find('roles', { _id: `liaison:user-resident:${unitId}` })).toEqual([
      expect.objectContaining({ kind: 'liaison', workUnitId: unitId, communityId: DEMO, scopeLabel: '区妇幼保健院' }),
    ]);
    expect(f.find('audit_log', { targetId: application.id })).toEqual([
      expect.objectContaining({ action: 'checkin.decideUnitRegistration', actorId: 'user-admin' }),
    ]);
    expect(f.find('locks', { holder: application.id })).toEqual([]);

    // The new liaison sees the registrations of their unit's members, and only those.
    const reg = expectOk(
      await f.call(demoPersonas.councilChair, 'checkin', 'registerMember', {
        communityId: DEMO,
        workUnitId: unitId,
        householdId: 'hh-xfl-2-202',
        intentions: ['medical'],
      }),
      Registration,
    );
    const seen = expectOk(
      await f.call(demoPersonas.resident, 'checkin', 'listRegistrations', { communityId: DEMO }),
      RegistrationPage,
    );
    expect(seen.items.map((r) => [r.id, r.userName])).toEqual([[reg.id, '赵德明']]);
  });

  test('refuses deciding it again as PRECONDITION_FAILED, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() =>
      decide(demoPersonas.admin, { unitRegistrationId: application.id, decision: 'approve' }),
    );
    expectError(body, 'PRECONDITION_FAILED', 'registration.not-pending');
  });

  test('refuses approving a name registered meanwhile as CONFLICT, and writes nothing', async () => {
    const app = expectOk(await apply(demoPersonas.member, { ...unit, name: '区图书馆' }), UnitRegistration);
    const saved = await f.call(demoPersonas.admin, 'org', 'saveWorkUnit', {
      communityId: DEMO,
      name: '区图书馆',
      partyOrgName: '区图书馆党支部',
      contactPhone: '0571-88000009',
      liaisonUserId: null,
    });
    expect(saved.ok).toBe(true);
    const body = await f.expectNothingWritten(() =>
      decide(demoPersonas.admin, { unitRegistrationId: app.id, decision: 'approve' }),
    );
    expectError(body, 'CONFLICT', 'work-unit.duplicate-name');
  });

  test('rejects with a reason and frees the name for a new application', async () => {
    const pending = await list(demoPersonas.admin, { communityId: DEMO, status: 'pending' });
    const archive = expectOk(pending, UnitRegistrationPage).items.find((u) => u.name === '区档案馆')!;
    const rejected = expectOk(
      await decide(demoPersonas.admin, {
        unitRegistrationId: archive.id,
        decision: 'reject',
        reason: '请补充单位证明',
      }),
      UnitRegistration,
    );
    expect(rejected).toMatchObject({ status: 'rejected', reason: '请补充单位证明', workUnitId: null });
    expect(f.find('work_units', { name: '区档案馆' })).toEqual([]);
    expectOk(await apply(demoPersonas.leader, { ...unit, name: '区档案馆' }), UnitRegistration);
  });

  test('answers an unknown application with NOT_FOUND and an anonymous caller with UNAUTHENTICATED', async () => {
    const missing = await f.expectNothingWritten(() =>
      decide(demoPersonas.admin, { unitRegistrationId: 'ureg-nope', decision: 'approve' }),
    );
    expectError(missing, 'NOT_FOUND', 'unit-registration.not-found');
    expectError(
      await decide(null, { unitRegistrationId: application.id, decision: 'approve' }),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });
});
