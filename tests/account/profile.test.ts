/**
 * account.me and account.saveProfile: a person's own profile, roles and binding requests, and
 * creating or editing the profile (one user per WeChat identity, even under a race).
 */
import { MeResult, Profile } from '../../types/account';
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { expectError, expectOk } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

describe('account.me', () => {
  test('tells a first-time visitor they are not registered, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() => f.call('first-visit', 'account', 'me'));
    expect(expectOk(body, MeResult)).toEqual({ registered: false, profile: null, roles: [], bindings: [] });
  });

  test("returns the admin's profile with the own phone in full and every role with its scope and ISO time", async () => {
    const me = expectOk(await f.call(demoPersonas.admin, 'account', 'me'), MeResult);
    expect(me.profile).toEqual({
      id: 'user-admin',
      name: '王红梅',
      phone: '13810000001',
      avatarUrl: null,
      partyMember: true,
    });
    expect(me.roles.map((r) => r.kind)).toEqual(['admin', 'resident']);
    expect(me.roles[0]).toMatchObject({
      id: 'admin:user-admin:comm-xingfuli',
      communityId: DEMO,
      scopeLabel: '幸福里社区',
    });
    expect(me.roles[1]).toMatchObject({
      householdId: 'hh-xfl-1-101',
      buildingId: 'bld-xfl-1',
      estateId: 'estate-xfl',
      scopeLabel: '幸福里小区 · 1号楼 · 1-101',
      grantedAt: '2026-11-01T02:00:00.000Z',
    });
    expect(me.bindings).toEqual([]);
  });

  test("lists the newcomer's own pending binding request with their name and phone in full", async () => {
    const me = expectOk(await f.call(demoPersonas.newcomer, 'account', 'me'), MeResult);
    expect(me.roles).toEqual([]);
    expect(me.bindings).toEqual([
      expect.objectContaining({
        id: 'bind-demo-newcomer',
        userName: '马晓东',
        userPhone: '13810000009',
        householdLabel: '和谐家园 · 3号楼 · 3-502',
        status: 'pending',
        decidedAt: null,
      }),
    ]);
  });

  test('refuses an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(await f.call(null, 'account', 'me'), 'UNAUTHENTICATED', 'auth.no-identity');
  });

  test('refuses input fields it does not know, such as an openid, as VALIDATION', async () => {
    const body = await f.expectNothingWritten(() =>
      f.call(demoPersonas.resident, 'account', 'me', { openid: demoPersonas.admin }),
    );
    expectError(body, 'VALIDATION', 'input.invalid');
  });
});

describe('account.saveProfile', () => {
  test('creates the profile of a first-time visitor, who is then registered with no roles', async () => {
    const saved = expectOk(
      await f.call('first-timer', 'account', 'saveProfile', { name: ' 林小雨 ', phone: '13912345678' }),
      Profile,
    );
    expect(saved).toMatchObject({ name: '林小雨', phone: '13912345678', avatarUrl: null });
    expect(saved.id).toMatch(/^user-[0-9a-f]{16}$/);
    const me = expectOk(await f.call('first-timer', 'account', 'me'), MeResult);
    expect(me).toMatchObject({ registered: true, profile: saved, roles: [], bindings: [] });
  });

  test("updates an existing person's name, phone and avatar without creating another user", async () => {
    const saved = expectOk(
      await f.call(demoPersonas.resident, 'account', 'saveProfile', {
        name: '张秀英',
        phone: '13899998888',
        avatarUrl: 'https://example.com/a.png',
      }),
      Profile,
    );
    expect(saved).toEqual({
      id: 'user-resident',
      name: '张秀英',
      phone: '13899998888',
      avatarUrl: 'https://example.com/a.png',
      partyMember: false,
    });
    const stored = f.find('users', { openid: demoPersonas.resident });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ _id: 'user-resident', phone: '13899998888' });
  });

  test('records 政治面貌 when given and keeps it when a later save leaves it out', async () => {
    const save = (data: object) =>
      f.call(demoPersonas.resident, 'account', 'saveProfile', { name: '张秀英', phone: '13899998888', ...data });
    expect(expectOk(await save({ partyMember: true }), Profile).partyMember).toBe(true);
    expect(expectOk(await save({}), Profile).partyMember).toBe(true);
    expect(f.find('users', { openid: demoPersonas.resident })[0]).toMatchObject({ partyMember: true });
    expect(expectOk(await f.call(demoPersonas.resident, 'account', 'me', {}), MeResult).profile?.partyMember).toBe(
      true,
    );
    expect(expectOk(await save({ partyMember: false }), Profile).partyMember).toBe(false);
  });

  test('creates exactly one user when several first calls of one person race', async () => {
    const bodies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        f.call('racing-first-timer', 'account', 'saveProfile', { name: `赛跑${i}`, phone: '13700001111' }),
      ),
    );
    for (const body of bodies) expectOk(body, Profile);
    expect(new Set(bodies.map((b) => b.data.id)).size).toBe(1);
    expect(f.find('users', { openid: 'racing-first-timer' })).toHaveLength(1);
  });

  test('refuses a phone that is not 11 digits as VALIDATION naming the field, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() =>
      f.call('bad-input-person', 'account', 'saveProfile', { name: '王五', phone: '12345' }),
    );
    expect(expectError(body, 'VALIDATION', 'input.invalid').fields).toEqual({ phone: '请输入11位手机号' });
  });

  test('refuses an empty name and an unknown field as VALIDATION, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() =>
      f.call(demoPersonas.resident, 'account', 'saveProfile', {
        name: ' ',
        phone: '13800000000',
        userId: 'user-admin',
      }),
    );
    expect(Object.keys(expectError(body, 'VALIDATION', 'input.invalid').fields).sort()).toEqual(['_', 'name']);
  });

  test('refuses an anonymous caller as UNAUTHENTICATED, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() =>
      f.call(null, 'account', 'saveProfile', { name: '王五', phone: '13800000000' }),
    );
    expectError(body, 'UNAUTHENTICATED', 'auth.no-identity');
  });
});
