/**
 * Member registration (报到): an in-office Party member registers with the community where they
 * live; admins approve (the in-office member role and registration points, exactly once) or
 * reject; the member withdraws (注销) with the history kept; a unit's liaison sees only their
 * own unit's registrations.
 */
import { MyRegistrationsResult, Registration, RegistrationPage } from '../../types/checkin';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { Profile } from '../../types/account';
import { balanceOf, declarePartyMembers, expectError, expectOk } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  declarePartyMembers(f, demoPersonas.newcomer, demoPersonas.councilChair, demoPersonas.admin, otherPersonas.resident);
});
afterAll(async () => {
  await f.stop();
});

const register = (openid: string | null, data: object) => f.call(openid, 'checkin', 'registerMember', data);
const decide = (openid: string | null, data: object) => f.call(openid, 'checkin', 'decideRegistration', data);
const withdraw = (openid: string | null, data: object) => f.call(openid, 'checkin', 'withdrawRegistration', data);
const list = (openid: string | null, data: object) => f.call(openid, 'checkin', 'listRegistrations', data);

/** 张秀英 (demo-resident) registers with 区人民医院 from her flat 1-102. */
const residentInput = {
  communityId: DEMO,
  workUnitId: 'wu-hospital',
  householdId: 'hh-xfl-1-102',
  skills: ['量血压'],
  intentions: ['elderly', 'medical'],
};
/** 李建国 (demo-member) registers with 市税务局第三分局. */
const memberInput = { communityId: DEMO, workUnitId: 'wu-tax', householdId: 'hh-xfl-1-302', intentions: ['education'] };

let residentReg: Registration;
let memberReg: Registration;

describe('checkin.registerMember', () => {
  test('refuses a resident whose profile does not say Party member, pointing to the 居民 path, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() => register(demoPersonas.resident, residentInput));
    const error = expectError(body, 'PRECONDITION_FAILED', 'registration.not-party-member');
    expect(error.message).toContain('绑定房屋');
    expect(f.find('registrations', { userId: 'user-resident' })).toEqual([]);
  });

  test('lets a person register once their profile says 中共党员 (saved in 我的)', async () => {
    const [user] = f.find('users', { openid: demoPersonas.resident });
    const profile = expectOk(
      await f.call(demoPersonas.resident, 'account', 'saveProfile', {
        name: user!.name,
        phone: user!.phone,
        partyMember: true,
      }),
      Profile,
    );
    expect(profile.partyMember).toBe(true);
  });

  test('records a pending registration with the unit, its Party organisation and the household label', async () => {
    residentReg = expectOk(await register(demoPersonas.resident, residentInput), Registration);
    expect(residentReg).toMatchObject({
      userId: 'user-resident',
      userName: '张秀英',
      communityId: DEMO,
      workUnitId: 'wu-hospital',
      workUnitName: '区人民医院',
      partyOrgName: '区人民医院党委',
      householdId: 'hh-xfl-1-102',
      householdLabel: '幸福里小区 · 1号楼 · 1-102',
      skills: ['量血压'],
      intentions: ['elderly', 'medical'],
      status: 'pending',
      reason: null,
      decidedAt: null,
      withdrawnAt: null,
    });
    expect(f.find('locks', { _id: `registration:user-resident:${DEMO}` })).toEqual([
      expect.objectContaining({ holder: residentReg.id }),
    ]);
    // 李建国 holds a Party member role: his profile says Party member without declaring it again.
    memberReg = expectOk(await register(demoPersonas.member, memberInput), Registration);
    expect(memberReg).toMatchObject({ skills: [], status: 'pending' });
  });

  test('refuses a second open registration with the same community as CONFLICT, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() =>
      register(demoPersonas.resident, { ...residentInput, workUnitId: 'wu-school' }),
    );
    expectError(body, 'CONFLICT', 'registration.already-open');
  });

  test('lets only one of several racing registrations of the same person through', async () => {
    const input = { communityId: DEMO, workUnitId: 'wu-school', householdId: 'hh-hxjy-3-502', intentions: ['other'] };
    const bodies = await Promise.all(Array.from({ length: 6 }, () => register(demoPersonas.newcomer, input)));
    expect(bodies.filter((b) => b.ok)).toHaveLength(1);
    for (const b of bodies.filter((x) => !x.ok)) expectError(b, 'CONFLICT', 'registration.already-open');
    expect(f.find('registrations', { userId: 'user-newcomer' })).toHaveLength(1);
  });

  test('refuses a work unit or a household of another community as VALIDATION on that field', async () => {
    const unit = await f.expectNothingWritten(() =>
      register(otherPersonas.resident, { ...residentInput, communityId: OTHER, householdId: 'hh-dh-1-101' }),
    );
    expect(expectError(unit, 'VALIDATION', 'input.invalid').fields).toHaveProperty('workUnitId');
    const household = await f.expectNothingWritten(() =>
      register(demoPersonas.councilChair, { ...residentInput, householdId: 'hh-dh-1-101' }),
    );
    expect(expectError(household, 'VALIDATION', 'input.invalid').fields).toHaveProperty('householdId');
  });

  test('refuses bad input (no intention, an unknown intention, a smuggled userId) as VALIDATION', async () => {
    for (const data of [
      { ...residentInput, intentions: [] },
      { ...residentInput, intentions: ['dancing'] },
      { ...residentInput, userId: 'user-admin' },
      { ...residentInput, skills: ['一二三四五六七八九十一二三四五六七八九十一'] },
    ]) {
      expectError(
        await f.expectNothingWritten(() => register(demoPersonas.councilChair, data)),
        'VALIDATION',
        'input.invalid',
      );
    }
  });

  test('answers an unknown community with NOT_FOUND, a caller without a profile with PRECONDITION_FAILED', async () => {
    const missing = await f.expectNothingWritten(() =>
      register(demoPersonas.councilChair, { ...residentInput, communityId: 'comm-nowhere' }),
    );
    expectError(missing, 'NOT_FOUND', 'community.not-found');
    const noProfile = await f.expectNothingWritten(() => register('no-profile-yet', residentInput));
    expectError(noProfile, 'PRECONDITION_FAILED', 'account.no-profile');
  });

  test('refuses an anonymous caller as UNAUTHENTICATED, and writes nothing', async () => {
    expectError(
      await f.expectNothingWritten(() => register(null, residentInput)),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });
});

describe('checkin.listRegistrations', () => {
  test("shows an admin the community's registrations, newest first, with names and households", async () => {
    const page = expectOk(await list(demoPersonas.admin, { communityId: DEMO }), RegistrationPage);
    expect(page.items.map((r) => r.userId)).toEqual(['user-newcomer', 'user-member', 'user-resident']);
    expect(page.items[2]).toMatchObject({ userName: '张秀英', householdLabel: '幸福里小区 · 1号楼 · 1-102' });
    expect(page.nextCursor).toBeNull();
  });

  test('filters by status and work unit, and pages with a cursor', async () => {
    const first = expectOk(await list(demoPersonas.admin, { communityId: DEMO, limit: 2 }), RegistrationPage);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = expectOk(
      await list(demoPersonas.admin, { communityId: DEMO, cursor: first.nextCursor! }),
      RegistrationPage,
    );
    expect(rest.items.map((r) => r.userId)).toEqual(['user-resident']);
    const school = expectOk(
      await list(demoPersonas.admin, { communityId: DEMO, status: 'pending', workUnitId: 'wu-school' }),
      RegistrationPage,
    );
    expect(school.items.map((r) => r.userId)).toEqual(['user-newcomer']);
  });

  test("shows a unit's liaison only their own unit's registrations, names in full and households hidden", async () => {
    const page = expectOk(await list(demoPersonas.liaison, { communityId: DEMO }), RegistrationPage);
    expect(page.items.map((r) => [r.userId, r.userName, r.workUnitId, r.householdLabel])).toEqual([
      ['user-member', '李建国', 'wu-tax', null],
    ]);
    const other = await list(demoPersonas.liaison, { communityId: DEMO, workUnitId: 'wu-hospital' });
    expectError(other, 'FORBIDDEN', 'registration.other-unit');
  });

  test('refuses a member, a resident, a leader and a caller without a profile as FORBIDDEN', async () => {
    for (const openid of [demoPersonas.member, demoPersonas.resident, demoPersonas.leader, 'no-profile-yet']) {
      expectError(await list(openid, { communityId: DEMO }), 'FORBIDDEN', 'registration.not-reviewer');
    }
  });

  test("refuses each community's admin the other community as FORBIDDEN", async () => {
    expectError(await list(otherPersonas.admin, { communityId: DEMO }), 'FORBIDDEN', 'registration.not-reviewer');
    expectError(await list(demoPersonas.admin, { communityId: OTHER }), 'FORBIDDEN', 'registration.not-reviewer');
    expect(expectOk(await list(otherPersonas.admin, { communityId: OTHER }), RegistrationPage).items).toEqual([]);
  });

  test('refuses a bad status or limit as VALIDATION and an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(await list(demoPersonas.admin, { communityId: DEMO, status: 'lost' }), 'VALIDATION', 'input.invalid');
    expectError(await list(demoPersonas.admin, { communityId: DEMO, limit: 51 }), 'VALIDATION', 'input.invalid');
    expectError(await list(null, { communityId: DEMO }), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

describe('checkin.decideRegistration', () => {
  test('refuses an admin of another community, a liaison, a leader and the member as FORBIDDEN', async () => {
    for (const openid of [otherPersonas.admin, demoPersonas.liaison, demoPersonas.leader, demoPersonas.resident]) {
      const body = await f.expectNothingWritten(() =>
        decide(openid, { registrationId: residentReg.id, decision: 'approve' }),
      );
      expectError(body, 'FORBIDDEN', 'auth.not-admin');
    }
  });

  test('refuses a rejection without a reason or an unknown decision as VALIDATION', async () => {
    const noReason = await f.expectNothingWritten(() =>
      decide(demoPersonas.admin, { registrationId: residentReg.id, decision: 'reject' }),
    );
    expect(expectError(noReason, 'VALIDATION', 'input.invalid').fields).toHaveProperty('reason');
    const unknown = await f.expectNothingWritten(() =>
      decide(demoPersonas.admin, { registrationId: residentReg.id, decision: 'maybe' }),
    );
    expectError(unknown, 'VALIDATION', 'input.invalid');
  });

  test('approves once among racing deciders: the in-office member role and the registration points, once', async () => {
    const bodies = await Promise.all(
      Array.from({ length: 5 }, () =>
        decide(demoPersonas.admin, { registrationId: residentReg.id, decision: 'approve' }),
      ),
    );
    const won = bodies.filter((b) => b.ok);
    expect(won).toHaveLength(1);
    for (const b of bodies.filter((x) => !x.ok)) expectError(b, 'PRECONDITION_FAILED', 'registration.not-pending');
    expect(expectOk(won[0], Registration)).toMatchObject({ status: 'approved', reason: null, userName: '张秀英' });

    expect(f.find('roles', { _id: `member:user-resident:${DEMO}` })).toEqual([
      expect.objectContaining({
        kind: 'member',
        memberType: 'in_office',
        workUnitId: 'wu-hospital',
        communityId: DEMO,
        scopeLabel: '在职党员 · 区人民医院',
      }),
    ]);
    expect(f.find('point_ledger', { userId: 'user-resident' })).toEqual([
      expect.objectContaining({
        _id: `registration:${residentReg.id}`,
        reason: 'registration',
        amount: 10,
        sourceId: residentReg.id,
      }),
    ]);
    expect(balanceOf(f, DEMO, 'user-resident')).toBe(10);
    expect(f.find('audit_log', { targetId: residentReg.id })).toEqual([
      expect.objectContaining({
        action: 'checkin.decideRegistration',
        actorId: 'user-admin',
        summary: '通过 张秀英（区人民医院）的报到申请',
        before: { status: 'pending' },
      }),
    ]);
  });

  test('refuses deciding it again as PRECONDITION_FAILED naming its status, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() =>
      decide(demoPersonas.admin, { registrationId: residentReg.id, decision: 'reject', reason: '重复' }),
    );
    expect(expectError(body, 'PRECONDITION_FAILED', 'registration.not-pending').message).toContain('已报到');
  });

  test('rejects with a reason and releases the lock, so the member may register again', async () => {
    const rejected = expectOk(
      await decide(demoPersonas.admin, { registrationId: memberReg.id, decision: 'reject', reason: '房号填写有误' }),
      Registration,
    );
    expect(rejected).toMatchObject({ status: 'rejected', reason: '房号填写有误' });
    expect(f.find('locks', { _id: `registration:user-member:${DEMO}` })).toEqual([]);
    expect(f.find('audit_log', { targetId: memberReg.id })[0]?.summary).toBe(
      '驳回 李建国（市税务局第三分局）的报到申请：房号填写有误',
    );
    expect(f.find('point_ledger', { userId: 'user-member' })).toEqual([]);
    memberReg = expectOk(await register(demoPersonas.member, memberInput), Registration);
  });

  test('refuses an admin deciding their own registration as FORBIDDEN', async () => {
    const own = expectOk(
      await register(demoPersonas.admin, { ...memberInput, householdId: 'hh-xfl-1-101', workUnitId: 'wu-school' }),
      Registration,
    );
    const body = await f.expectNothingWritten(() =>
      decide(demoPersonas.admin, { registrationId: own.id, decision: 'approve' }),
    );
    expectError(body, 'FORBIDDEN', 'registration.own');
  });

  test('answers an unknown registration with NOT_FOUND and an anonymous caller with UNAUTHENTICATED', async () => {
    expectError(
      await f.expectNothingWritten(() =>
        decide(demoPersonas.admin, { registrationId: 'reg-nope', decision: 'approve' }),
      ),
      'NOT_FOUND',
      'registration.not-found',
    );
    expectError(
      await decide(null, { registrationId: residentReg.id, decision: 'approve' }),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });
});

describe('checkin.withdrawRegistration', () => {
  test("refuses someone else's registration as FORBIDDEN, even for an admin, and writes nothing", async () => {
    for (const openid of [demoPersonas.member, demoPersonas.admin, otherPersonas.admin]) {
      const body = await f.expectNothingWritten(() =>
        withdraw(openid, { registrationId: residentReg.id, reason: '工作调动' }),
      );
      expectError(body, 'FORBIDDEN', 'registration.not-yours');
    }
  });

  test('refuses a withdrawal without a reason as VALIDATION', async () => {
    const body = await f.expectNothingWritten(() =>
      withdraw(demoPersonas.resident, { registrationId: residentReg.id }),
    );
    expect(expectError(body, 'VALIDATION', 'input.invalid').fields).toHaveProperty('reason');
  });

  test('withdraws an approved registration: the history stays, the role goes, the points stay, audited', async () => {
    const done = expectOk(
      await withdraw(demoPersonas.resident, { registrationId: residentReg.id, reason: '工作调动' }),
      Registration,
    );
    expect(done).toMatchObject({ status: 'withdrawn', reason: '工作调动' });
    expect(done.withdrawnAt).not.toBeNull();
    expect(done.decidedAt).not.toBeNull();
    expect(f.find('roles', { _id: `member:user-resident:${DEMO}` })).toEqual([]);
    expect(f.find('roles', { userId: 'user-resident', kind: 'resident' })).toHaveLength(1);
    expect(f.find('locks', { _id: `registration:user-resident:${DEMO}` })).toEqual([]);
    expect(balanceOf(f, DEMO, 'user-resident')).toBe(10);
    expect(f.find('audit_log', { targetId: residentReg.id, action: 'checkin.withdrawRegistration' })).toHaveLength(1);
  });

  test('withdraws a pending registration too, and refuses a closed one as PRECONDITION_FAILED', async () => {
    const done = expectOk(
      await withdraw(demoPersonas.member, { registrationId: memberReg.id, reason: '信息填错了' }),
      Registration,
    );
    expect(done.status).toBe('withdrawn');
    // The seeded in-office role of 李建国 came from elsewhere and stays: only an approval's role goes.
    expect(f.find('roles', { _id: `member:user-member:${DEMO}` })).toHaveLength(1);
    const again = await f.expectNothingWritten(() =>
      withdraw(demoPersonas.member, { registrationId: memberReg.id, reason: '信息填错了' }),
    );
    expect(expectError(again, 'PRECONDITION_FAILED', 'registration.not-pending').message).toContain('已注销');
  });

  test('answers an unknown registration with NOT_FOUND and an anonymous caller with UNAUTHENTICATED', async () => {
    expectError(
      await withdraw(demoPersonas.member, { registrationId: 'reg-nope', reason: '不需要了' }),
      'NOT_FOUND',
      'registration.not-found',
    );
    expectError(
      await withdraw(null, { registrationId: memberReg.id, reason: '不需要了' }),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });
});

describe('checkin.myRegistrations', () => {
  test('lists the own registrations newest first, the withdrawn history included, in full', async () => {
    const mine = expectOk(await f.call(demoPersonas.member, 'checkin', 'myRegistrations', {}), MyRegistrationsResult);
    expect(mine.items.map((r) => r.status)).toEqual(['withdrawn', 'rejected']);
    expect(mine.items[0]).toMatchObject({ userName: '李建国', householdLabel: '幸福里小区 · 1号楼 · 1-302' });
  });

  test('gives a caller without a profile an empty list', async () => {
    expect(expectOk(await f.call('no-profile-yet', 'checkin', 'myRegistrations', {}), MyRegistrationsResult)).toEqual({
      items: [],
    });
  });

  test('refuses unknown fields as VALIDATION and an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(
      await f.call(demoPersonas.member, 'checkin', 'myRegistrations', { userId: 'user-admin' }),
      'VALIDATION',
      'input.invalid',
    );
    expectError(await f.call(null, 'checkin', 'myRegistrations', {}), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});
