/**
 * org.saveWorkUnit — registering a work unit (报到单位) and setting its liaison, which grants
 * or moves the liaison role. Admins of the unit's community only; audited.
 */
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { auditOf, expectRefused, nonAdmins } from './refusals';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const admin = demoPersonas.admin;
const call = (openid: string | null, data: unknown) => f.call(openid, 'org', 'saveWorkUnit', data);
const one = (collection: string, id: string) => f.find(collection, { _id: id })[0];
const unit = {
  communityId: DEMO,
  name: '区图书馆',
  partyOrgName: '区图书馆党支部',
  contactPhone: '0571-88000009',
  liaisonUserId: 'user-member',
};

describe('org.saveWorkUnit', () => {
  let id = '';

  test('registers a unit and makes the chosen person its liaison (a liaison role scoped to the unit)', async () => {
    const reply = await call(admin, unit);
    expect(reply).toMatchObject({ ok: true, data: { id: expect.any(String), updatedAt: expect.any(String) } });
    id = reply.data.id;
    expect(one('work_units', id)).toMatchObject({ communityId: DEMO, name: '区图书馆', liaisonUserId: 'user-member' });
    expect(one('roles', `liaison:user-member:${id}`)).toMatchObject({
      userId: 'user-member',
      kind: 'liaison',
      communityId: DEMO,
      workUnitId: id,
      estateId: null,
      buildingId: null,
      householdId: null,
      scopeLabel: '区图书馆',
      grantedBy: 'user-admin',
    });
    const entries = auditOf(f, 'org.saveWorkUnit');
    expect(entries.find((e) => e.targetId === id)).toMatchObject({ targetKind: 'work_unit', before: null });
    expect(entries.find((e) => e.targetId === `liaison:user-member:${id}`)).toMatchObject({
      targetKind: 'role',
      before: null,
      after: { kind: 'liaison' },
    });
  });

  test('moves the liaison: the old role is deleted, the new one created, both audited', async () => {
    const reply = await call(admin, {
      ...unit,
      communityId: DEMO,
      workUnitId: 'wu-tax',
      name: '市税务局第三分局',
      liaisonUserId: 'user-r001',
    });
    expect(reply).toMatchObject({ ok: true, data: { id: 'wu-tax' } });
    expect(one('roles', 'liaison:user-liaison:wu-tax')).toBeUndefined();
    expect(one('roles', 'liaison:user-r001:wu-tax')).toMatchObject({ scopeLabel: '市税务局第三分局' });
    expect(one('work_units', 'wu-tax')).toMatchObject({ liaisonUserId: 'user-r001', contactPhone: '0571-88000009' });
    const revoked = auditOf(f, 'org.saveWorkUnit').find((e) => e.targetId === 'liaison:user-liaison:wu-tax');
    expect(revoked).toMatchObject({ before: { userId: 'user-liaison' }, after: null });
  });

  test('renaming a unit keeps its liaison role’s scope label in step', async () => {
    const reply = await call(admin, { ...unit, workUnitId: id, name: '区图书馆（新馆）' });
    expect(reply.ok).toBe(true);
    expect(one('roles', `liaison:user-member:${id}`)).toMatchObject({ scopeLabel: '区图书馆（新馆）' });
  });

  test('clearing the liaison deletes the role', async () => {
    expect((await call(admin, { ...unit, workUnitId: id, name: '区图书馆（新馆）', liaisonUserId: null })).ok).toBe(
      true,
    );
    expect(f.find('roles', { kind: 'liaison', workUnitId: id })).toEqual([]);
    expect(one('work_units', id)).toMatchObject({ liaisonUserId: null });
  });

  test('the tree shows the new unit in full to the admin and masked to a resident', async () => {
    const full = await f.call(admin, 'org', 'getTree', { communityId: DEMO });
    expect(full.data.workUnits.find((w: any) => w.id === 'wu-tax')).toMatchObject({
      contactPhone: '0571-88000009',
      liaisonUserId: 'user-r001',
      liaisonName: expect.not.stringContaining('*'),
    });
    const masked = await f.call(demoPersonas.resident, 'org', 'getTree', { communityId: DEMO });
    expect(masked.data.workUnits.find((w: any) => w.id === 'wu-tax')).toMatchObject({
      contactPhone: '*********0009',
      liaisonName: expect.stringMatching(/^.\*$/),
    });
  });

  test('refuses a liaison who is not a registered person as NOT_FOUND, writing nothing', async () => {
    await expectRefused(
      f,
      admin,
      'saveWorkUnit',
      { ...unit, name: '某单位', liaisonUserId: 'user-nobody' },
      'NOT_FOUND',
      'org.liaison-not-found',
    );
  });

  test('refuses a name another unit of the community has as CONFLICT', async () => {
    await expectRefused(f, admin, 'saveWorkUnit', { ...unit, name: '和平小学' }, 'CONFLICT', 'org.duplicate-work-unit');
  });

  test.each([
    ['a phone with letters', { contactPhone: '0571-ABC' }, 'contactPhone'],
    ['an empty name', { name: '' }, 'name'],
    ['a missing liaison field', { liaisonUserId: undefined }, 'liaisonUserId'],
  ])('refuses %s as VALIDATION, writing nothing', async (_what, change, field) => {
    const reply = await expectRefused(f, admin, 'saveWorkUnit', { ...unit, ...change }, 'VALIDATION', 'input.invalid');
    expect(reply.error.fields[field]).toMatch(/[\u4e00-\u9fa5]/);
  });

  test.each(nonAdmins)('refuses %s as FORBIDDEN, writing nothing', async (_who, openid) => {
    await expectRefused(f, openid, 'saveWorkUnit', { ...unit, name: '越权单位' }, 'FORBIDDEN', 'auth.not-admin');
  });

  test('refuses an anonymous caller as UNAUTHENTICATED', async () => {
    await expectRefused(f, null, 'saveWorkUnit', unit, 'UNAUTHENTICATED', 'auth.no-identity');
  });

  test('keeps each admin to the units of their own community', async () => {
    const foreign = { ...unit, communityId: OTHER, workUnitId: 'wu-school', name: '和平小学' };
    for (const [openid, data, code, reason] of [
      [otherPersonas.admin, foreign, 'FORBIDDEN', 'auth.not-admin'],
      [otherPersonas.admin, { ...unit, name: '越权单位' }, 'FORBIDDEN', 'auth.not-admin'],
      [admin, { ...unit, communityId: OTHER, name: '越权单位' }, 'FORBIDDEN', 'auth.not-admin'],
    ] as const) {
      await expectRefused(f, openid, 'saveWorkUnit', data, code, reason);
    }
    const own = await call(otherPersonas.admin, { ...unit, communityId: OTHER, liaisonUserId: 'user-other-resident' });
    expect(own.ok).toBe(true);
    expect(one('roles', `liaison:user-other-resident:${own.data.id}`)).toMatchObject({ communityId: OTHER });
  });
});
