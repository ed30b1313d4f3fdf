/**
 * org writes on the structure: updateCommunity, saveEstate, saveBuilding, saveHousehold,
 * deleteNode — admins of the target's community only, names unique within their parent,
 * every change audited with before/after, refusals write nothing.
 */
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { auditOf, expectRefused, nonAdmins } from './refusals';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const admin = demoPersonas.admin;
const call = (openid: string | null, action: string, data: unknown) => f.call(openid, 'org', action, data);
const one = (collection: string, id: string) => f.find(collection, { _id: id })[0];

function expectSaved(reply: any): string {
  expect(reply).toMatchObject({ ok: true, data: { id: expect.any(String), updatedAt: expect.any(String) } });
  expect(new Date(reply.data.updatedAt).toISOString()).toBe(reply.data.updatedAt);
  return reply.data.id;
}

/** The refusals every write shares: non-admins FORBIDDEN, anonymous UNAUTHENTICATED, nothing written. */
function refusesNonAdmins(action: string, data: () => unknown): void {
  test.each(nonAdmins)(`refuses ${action} to %s as FORBIDDEN, writing nothing`, async (_who, openid) => {
    await expectRefused(f, openid, action, data(), 'FORBIDDEN', 'auth.not-admin');
  });
  test(`refuses ${action} to an anonymous caller as UNAUTHENTICATED`, async () => {
    await expectRefused(f, null, action, data(), 'UNAUTHENTICATED', 'auth.no-identity');
  });
}

describe('org.updateCommunity', () => {
  const input = { communityId: DEMO, name: '幸福里社区', address: '和平街道幸福路88号（新址）' };

  test('changes the address, sets updatedAt and audits before/after', async () => {
    const id = expectSaved(await call(admin, 'updateCommunity', input));
    expect(id).toBe(DEMO);
    expect(one('communities', DEMO)).toMatchObject({ address: '和平街道幸福路88号（新址）' });
    const [entry] = auditOf(f, 'org.updateCommunity');
    expect(entry).toMatchObject({
      communityId: DEMO,
      actorId: 'user-admin',
      actorName: '王红梅',
      targetKind: 'community',
      targetId: DEMO,
      before: { address: '和平街道幸福路88号' },
      after: { address: '和平街道幸福路88号（新址）' },
    });
  });

  test('refuses an empty name as VALIDATION with a Chinese field message, writing nothing', async () => {
    const reply = await expectRefused(
      f,
      admin,
      'updateCommunity',
      { ...input, name: '  ' },
      'VALIDATION',
      'input.invalid',
    );
    expect(reply.error.fields.name).toBe('请填写社区名称');
  });

  refusesNonAdmins('updateCommunity', () => input);

  test('keeps each admin to their own community', async () => {
    await expectRefused(f, otherPersonas.admin, 'updateCommunity', input, 'FORBIDDEN', 'auth.not-admin');
    const other = { communityId: OTHER, name: '东湖社区', address: '改' };
    await expectRefused(f, admin, 'updateCommunity', other, 'FORBIDDEN', 'auth.not-admin');
    expectSaved(await call(otherPersonas.admin, 'updateCommunity', other));
  });

  test('answers NOT_FOUND for an unknown community', async () => {
    await expectRefused(
      f,
      admin,
      'updateCommunity',
      { ...input, communityId: 'comm-x' },
      'NOT_FOUND',
      'org.community-not-found',
    );
  });
});

describe('org.saveEstate', () => {
  let created = '';

  test('creates an estate with its Party branch, audited', async () => {
    const input = { communityId: DEMO, name: '新苑', partyBranchName: '新苑小区党支部' };
    created = expectSaved(await call(admin, 'saveEstate', input));
    expect(one('estates', created)).toMatchObject({
      communityId: DEMO,
      name: '新苑',
      partyBranchName: '新苑小区党支部',
    });
    const entry = auditOf(f, 'org.saveEstate').find((e) => e.targetId === created);
    expect(entry).toMatchObject({ targetKind: 'estate', before: null, after: { name: '新苑' } });
  });

  test('renames an estate, keeping its id', async () => {
    const input = { communityId: DEMO, estateId: created, name: '新苑二期', partyBranchName: '新苑小区党支部' };
    expect(expectSaved(await call(admin, 'saveEstate', input))).toBe(created);
    expect(one('estates', created)).toMatchObject({ name: '新苑二期' });
    const entry = auditOf(f, 'org.saveEstate').find((e) => e.targetId === created && e.before);
    expect(entry).toMatchObject({ before: { name: '新苑' }, after: { name: '新苑二期' } });
  });

  test('refuses a name another estate of the community has as CONFLICT', async () => {
    const reply = await expectRefused(
      f,
      admin,
      'saveEstate',
      { communityId: DEMO, estateId: created, name: '和谐家园', partyBranchName: 'x' },
      'CONFLICT',
      'org.duplicate-estate',
    );
    expect(reply.error.message).toContain('和谐家园');
  });

  test('allows the same estate name in another community', async () => {
    const input = { communityId: OTHER, name: '新苑二期', partyBranchName: '东湖新苑党支部' };
    expectSaved(await call(otherPersonas.admin, 'saveEstate', input));
  });

  test('refuses bad input as VALIDATION, writing nothing', async () => {
    for (const [openid, data, code, reason] of [
      [admin, { communityId: DEMO, name: '', partyBranchName: 'x' }, 'VALIDATION', 'input.invalid'],
      [admin, { communityId: DEMO, name: 'x'.repeat(31), partyBranchName: 'x' }, 'VALIDATION', 'input.invalid'],
    ] as const) {
      await expectRefused(f, openid, 'saveEstate', data, code, reason);
    }
  });

  refusesNonAdmins('saveEstate', () => ({ communityId: DEMO, name: '某小区', partyBranchName: '某党支部' }));

  test('refuses the 东湖 admin a 幸福里 estate even when naming 东湖 as the community', async () => {
    const input = { communityId: OTHER, estateId: 'estate-xfl', name: '被改名', partyBranchName: 'x' };
    await expectRefused(f, otherPersonas.admin, 'saveEstate', input, 'FORBIDDEN', 'auth.not-admin');
    const create = { communityId: DEMO, name: '越权小区', partyBranchName: 'x' };
    await expectRefused(f, otherPersonas.admin, 'saveEstate', create, 'FORBIDDEN', 'auth.not-admin');
  });

  test('refuses the 幸福里 admin a 东湖 estate, and naming another community than the estate’s', async () => {
    const input = { communityId: OTHER, estateId: 'estate-dh', name: '被改名', partyBranchName: 'x' };
    await expectRefused(f, admin, 'saveEstate', input, 'FORBIDDEN', 'auth.not-admin');
    const mismatch = { communityId: OTHER, estateId: 'estate-xfl', name: '幸福里小区', partyBranchName: 'x' };
    await expectRefused(f, admin, 'saveEstate', mismatch, 'VALIDATION', 'org.community-mismatch');
  });

  test('answers NOT_FOUND for an unknown estate', async () => {
    const input = { communityId: DEMO, estateId: 'estate-x', name: 'x', partyBranchName: 'x' };
    await expectRefused(f, admin, 'saveEstate', input, 'NOT_FOUND', 'org.estate-not-found');
  });
});

describe('org.saveBuilding', () => {
  let created = '';

  test('creates a building in an estate with its Party group, audited', async () => {
    const input = { estateId: 'estate-xfl', name: '4号楼', partyGroupName: '幸福里小区4号楼党小组' };
    created = expectSaved(await call(admin, 'saveBuilding', input));
    expect(one('buildings', created)).toMatchObject({ communityId: DEMO, estateId: 'estate-xfl', name: '4号楼' });
    const entry = auditOf(f, 'org.saveBuilding').find((e) => e.targetId === created);
    expect(entry).toMatchObject({ targetKind: 'building', before: null, after: { name: '4号楼' } });
  });

  test('renames a building and its Party group, keeping its id', async () => {
    const input = {
      estateId: 'estate-xfl',
      buildingId: created,
      name: '5号楼',
      partyGroupName: '幸福里小区5号楼党小组',
    };
    expect(expectSaved(await call(admin, 'saveBuilding', input))).toBe(created);
    expect(one('buildings', created)).toMatchObject({ name: '5号楼', partyGroupName: '幸福里小区5号楼党小组' });
  });

  test('refuses a name another building of the estate has as CONFLICT, but allows it in another estate', async () => {
    const dup = { estateId: 'estate-xfl', buildingId: created, name: '1号楼', partyGroupName: 'x' };
    await expectRefused(f, admin, 'saveBuilding', dup, 'CONFLICT', 'org.duplicate-building');
    const input = { estateId: 'estate-hxjy', name: '5号楼', partyGroupName: '和谐家园5号楼党小组' };
    expectSaved(await call(admin, 'saveBuilding', input));
  });

  test('does not move a building to another estate', async () => {
    const input = { estateId: 'estate-hxjy', buildingId: 'bld-xfl-1', name: '1号楼', partyGroupName: 'x' };
    await expectRefused(f, admin, 'saveBuilding', input, 'VALIDATION', 'org.move-not-supported');
  });

  test('refuses bad input as VALIDATION, writing nothing', async () => {
    for (const [openid, data, code, reason] of [
      [admin, { estateId: 'estate-xfl', name: '6号楼' }, 'VALIDATION', 'input.invalid'],
      [admin, { name: '6号楼', partyGroupName: 'x' }, 'VALIDATION', 'input.invalid'],
    ] as const) {
      await expectRefused(f, openid, 'saveBuilding', data, code, reason);
    }
  });

  refusesNonAdmins('saveBuilding', () => ({ estateId: 'estate-xfl', name: '9号楼', partyGroupName: 'x' }));

  test('keeps each admin to the buildings and estates of their own community', async () => {
    const foreignBuilding = { estateId: 'estate-dh', buildingId: 'bld-xfl-1', name: '1号楼', partyGroupName: 'x' };
    await expectRefused(f, otherPersonas.admin, 'saveBuilding', foreignBuilding, 'FORBIDDEN', 'auth.not-admin');
    const foreignEstate = { estateId: 'estate-xfl', name: '9号楼', partyGroupName: 'x' };
    await expectRefused(f, otherPersonas.admin, 'saveBuilding', foreignEstate, 'FORBIDDEN', 'auth.not-admin');
    const intoDonghu = { estateId: 'estate-dh', name: '9号楼', partyGroupName: 'x' };
    await expectRefused(f, admin, 'saveBuilding', intoDonghu, 'FORBIDDEN', 'auth.not-admin');
  });

  test('answers NOT_FOUND for an unknown estate or building', async () => {
    await expectRefused(
      f,
      admin,
      'saveBuilding',
      { estateId: 'e-x', name: '9号楼', partyGroupName: 'x' },
      'NOT_FOUND',
      'org.estate-not-found',
    );
    const input = { estateId: 'estate-xfl', buildingId: 'b-x', name: '9号楼', partyGroupName: 'x' };
    await expectRefused(f, admin, 'saveBuilding', input, 'NOT_FOUND', 'org.building-not-found');
  });
});

describe('org.saveHousehold', () => {
  let created = '';

  test('creates a household with room, floor area and 党员中心户, audited', async () => {
    const input = { buildingId: 'bld-xfl-1', room: '1-601', floorArea: 96.5, isPartyCenter: true };
    created = expectSaved(await call(admin, 'saveHousehold', input));
    expect(one('households', created)).toMatchObject({
      communityId: DEMO,
      estateId: 'estate-xfl',
      buildingId: 'bld-xfl-1',
      room: '1-601',
      floorArea: 96.5,
      isPartyCenter: true,
    });
    const entry = auditOf(f, 'org.saveHousehold').find((e) => e.targetId === created);
    expect(entry).toMatchObject({ targetKind: 'household', before: null, after: { room: '1-601' } });
  });

  test('edits a household in place: same id, new room and area, 党员中心户 defaulting to 否', async () => {
    const input = { buildingId: 'bld-xfl-1', householdId: created, room: '1-602', floorArea: 80 };
    expect(expectSaved(await call(admin, 'saveHousehold', input))).toBe(created);
    expect(one('households', created)).toMatchObject({ room: '1-602', floorArea: 80, isPartyCenter: false });
    const entry = auditOf(f, 'org.saveHousehold').find((e) => e.targetId === created && e.before);
    expect(entry).toMatchObject({
      before: { room: '1-601', floorArea: 96.5 },
      after: { room: '1-602', floorArea: 80 },
    });
  });

  test('refuses a room the building already has as CONFLICT org.duplicate-room, in Chinese', async () => {
    const input = { buildingId: 'bld-xfl-1', room: '1-101', floorArea: 80 };
    const reply = await expectRefused(f, admin, 'saveHousehold', input, 'CONFLICT', 'org.duplicate-room');
    expect(reply.error.message).toBe('1号楼已有房号“1-101”');
    const rename = { buildingId: 'bld-xfl-1', householdId: created, room: '1-101', floorArea: 80 };
    await expectRefused(f, admin, 'saveHousehold', rename, 'CONFLICT', 'org.duplicate-room');
  });

  test('does not move a household to another building', async () => {
    const input = { buildingId: 'bld-xfl-2', householdId: created, room: '1-602', floorArea: 80 };
    await expectRefused(f, admin, 'saveHousehold', input, 'VALIDATION', 'org.move-not-supported');
  });

  test.each([
    ['a room with spaces and Chinese', { room: '1 室', floorArea: 80 }, 'room'],
    ['a zero floor area', { room: '1-701', floorArea: 0 }, 'floorArea'],
    ['a missing floor area', { room: '1-701' }, 'floorArea'],
    ['an area given as text', { room: '1-701', floorArea: '80' }, 'floorArea'],
  ])('refuses %s as VALIDATION, writing nothing', async (_what, fields, field) => {
    const reply = await expectRefused(
      f,
      admin,
      'saveHousehold',
      { buildingId: 'bld-xfl-1', ...fields },
      'VALIDATION',
      'input.invalid',
    );
    expect(reply.error.fields[field]).toMatch(/[\u4e00-\u9fa5]/);
  });

  refusesNonAdmins('saveHousehold', () => ({ buildingId: 'bld-xfl-1', room: '1-801', floorArea: 80 }));

  test('keeps each admin to the households of their own community', async () => {
    const foreign = { buildingId: 'bld-dh-1', householdId: 'hh-xfl-1-101', room: '1-101', floorArea: 1 };
    await expectRefused(f, otherPersonas.admin, 'saveHousehold', foreign, 'FORBIDDEN', 'auth.not-admin');
    const intoXfl = { buildingId: 'bld-xfl-1', room: '1-901', floorArea: 80 };
    await expectRefused(f, otherPersonas.admin, 'saveHousehold', intoXfl, 'FORBIDDEN', 'auth.not-admin');
    const intoDonghu = { buildingId: 'bld-dh-1', room: '1-901', floorArea: 80 };
    await expectRefused(f, admin, 'saveHousehold', intoDonghu, 'FORBIDDEN', 'auth.not-admin');
  });
});

describe('org.deleteNode', () => {
  test('deletes an empty household, audited with the deleted document as before', async () => {
    const id = expectSaved(
      await call(admin, 'saveHousehold', { buildingId: 'bld-xfl-2', room: '2-999', floorArea: 50 }),
    );
    expect(await call(admin, 'deleteNode', { kind: 'household', id })).toEqual({ ok: true, data: { id } });
    expect(one('households', id)).toBeUndefined();
    const entry = auditOf(f, 'org.deleteNode').find((e) => e.targetId === id);
    expect(entry).toMatchObject({ targetKind: 'household', before: { room: '2-999' }, after: null });
  });

  test('deletes an empty building and then its empty estate', async () => {
    const estateId = expectSaved(
      await call(admin, 'saveEstate', { communityId: DEMO, name: '待删小区', partyBranchName: '待删党支部' }),
    );
    const buildingId = expectSaved(await call(admin, 'saveBuilding', { estateId, name: '1号楼', partyGroupName: 'x' }));
    await expectRefused(
      f,
      admin,
      'deleteNode',
      { kind: 'estate', id: estateId },
      'PRECONDITION_FAILED',
      'org.estate-not-empty',
    );
    expect(await call(admin, 'deleteNode', { kind: 'building', id: buildingId })).toMatchObject({ ok: true });
    expect(await call(admin, 'deleteNode', { kind: 'estate', id: estateId })).toMatchObject({ ok: true });
    expect(one('estates', estateId)).toBeUndefined();
  });

  test.each([
    ['a building with households', 'building', 'bld-xfl-3', 'org.building-not-empty'],
    ['a household with residents', 'household', 'hh-xfl-1-102', 'org.household-has-residents'],
    ['an estate with buildings', 'estate', 'estate-hxjy', 'org.estate-not-empty'],
  ])('refuses to delete %s as PRECONDITION_FAILED, writing nothing', async (_what, kind, id, reason) => {
    const reply = await expectRefused(f, admin, 'deleteNode', { kind, id }, 'PRECONDITION_FAILED', reason);
    expect(reply.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  test('refuses to delete a household with a pending binding request and no resident yet', async () => {
    const id = expectSaved(
      await call(admin, 'saveHousehold', { buildingId: 'bld-xfl-2', room: '2-998', floorArea: 50 }),
    );
    const request = {
      ...f.find('binding_requests', { _id: 'bind-demo-newcomer' })[0],
      _id: 'bind-test',
      householdId: id,
    };
    f.insert('binding_requests', [request]);
    const reply = await expectRefused(
      f,
      admin,
      'deleteNode',
      { kind: 'household', id },
      'PRECONDITION_FAILED',
      'org.household-has-pending-binding',
    );
    expect(reply.error).toMatchObject({
      reason: 'org.household-has-pending-binding',
      message: '该户还有待审核的绑定申请，请先处理',
    });
  });

  test('refuses to delete a building someone leads even when it has no households', async () => {
    const buildingId = expectSaved(
      await call(admin, 'saveBuilding', { estateId: 'estate-xfl', name: '7号楼', partyGroupName: 'x' }),
    );
    const role = {
      ...f.find('roles', { _id: 'building_leader:user-leader:bld-xfl-1' })[0],
      _id: 'building_leader:user-leader:x',
      buildingId,
    };
    f.insert('roles', [role]);
    await expectRefused(
      f,
      admin,
      'deleteNode',
      { kind: 'building', id: buildingId },
      'PRECONDITION_FAILED',
      'org.node-has-roles',
    );
  });

  test('refuses bad input as VALIDATION and unknown ids as NOT_FOUND', async () => {
    for (const [openid, data, code, reason] of [
      [admin, { kind: 'community', id: DEMO }, 'VALIDATION', 'input.invalid'],
      [admin, { kind: 'household' }, 'VALIDATION', 'input.invalid'],
      [admin, { kind: 'household', id: 'hh-x' }, 'NOT_FOUND', 'org.household-not-found'],
    ] as const) {
      await expectRefused(f, openid, 'deleteNode', data, code, reason);
    }
  });

  refusesNonAdmins('deleteNode', () => ({ kind: 'household', id: 'hh-xfl-1-402' }));

  test('keeps each admin to the nodes of their own community', async () => {
    for (const [openid, data, code, reason] of [
      [otherPersonas.admin, { kind: 'household', id: 'hh-xfl-1-402' }, 'FORBIDDEN', 'auth.not-admin'],
      [admin, { kind: 'household', id: 'hh-dh-1-102' }, 'FORBIDDEN', 'auth.not-admin'],
    ] as const) {
      await expectRefused(f, openid, 'deleteNode', data, code, reason);
    }
    expect(await call(otherPersonas.admin, 'deleteNode', { kind: 'household', id: 'hh-dh-1-102' })).toMatchObject({
      ok: true,
    });
  });
});
