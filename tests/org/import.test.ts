/**
 * org.importHouseholds — households from an uploaded csv or xlsx, all rows or none: every bad
 * row reported by its spreadsheet row number and column, nothing written on any error or in a
 * dry run, and a write that fails midway rolled back.
 */
import * as tcb from '@cloudbase/node-sdk';
import { applyImport } from '../../cloudfunctions/org/src/import/apply';
import type { ImportPlan } from '../../cloudfunctions/org/src/import/plan';
import type { Ctx } from '../../cloudfunctions/_shared/context';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { csv, uploadImport, xlsxBytes } from './import-helpers';
import { auditOf, expectRefused, nonAdmins } from './refusals';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const admin = demoPersonas.admin;
/** Uploads `content` (csv text, or xlsx bytes) and imports it. */
const importAs = async (
  openid: string | null,
  { content, format = 'csv', ...data }: { content: string | Buffer; format?: 'csv' | 'xlsx' } & Record<string, unknown>,
) =>
  f.call(openid, 'org', 'importHouseholds', {
    communityId: DEMO,
    fileID: await uploadImport(content, format),
    ...data,
  });
const room = (buildingId: string, r: string) => f.find('households', { buildingId, room: r })[0];
const ok = (rows: number, created: number, updated: number, encoding = 'utf-8') => ({
  ok: true,
  data: { rows, created, updated, errorCount: 0, errors: [], encoding },
});

describe('org.importHouseholds', () => {
  test('imports a good csv: new rooms created, an existing room updated, one audit entry', async () => {
    const content = csv(
      '幸福里小区,1号楼,1-601,96.5,是',
      '',
      '幸福里小区,1号楼,1-101,120,否',
      '"和谐家园",2号楼,2-601,"1,088.0",',
    );
    const reply = await importAs(admin, { content });
    expect(reply).toEqual(ok(3, 2, 1));
    expect(room('bld-xfl-1', '1-601')).toMatchObject({
      communityId: DEMO,
      estateId: 'estate-xfl',
      floorArea: 96.5,
      isPartyCenter: true,
    });
    expect(room('bld-xfl-1', '1-101')).toMatchObject({ _id: 'hh-xfl-1-101', floorArea: 120, isPartyCenter: false });
    expect(room('bld-hxjy-2', '2-601')).toMatchObject({ floorArea: 1088, isPartyCenter: false });
    const entries = auditOf(f, 'org.importHouseholds');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      communityId: DEMO,
      actorId: 'user-admin',
      targetKind: 'community',
      targetId: DEMO,
      summary: '导入住户：新增2户，更新1户（共3行）',
      before: { updated: [{ id: 'hh-xfl-1-101', room: '1-101' }] },
      after: { updated: [{ id: 'hh-xfl-1-101', floorArea: 120 }] },
    });
    expect(entries[0]!.after.created).toHaveLength(2);
  });

  test('imports a good xlsx (headers with units, numbers as numbers) and leaves unchanged rooms alone', async () => {
    const content = await xlsxBytes([
      ['小区', '楼栋', '房号', '建筑面积（㎡）', '党员中心户'],
      ['幸福里小区', '2号楼', '2-601', 77.25, '否'],
      ['和谐家园', '3号楼', 3602, 66, '是'],
      ['幸福里小区', '1号楼', '1-601', 96.5, '是'],
    ]);
    const reply = await importAs(admin, { format: 'xlsx', content });
    expect(reply).toEqual(ok(3, 2, 0, 'xlsx'));
    expect(room('bld-xfl-2', '2-601')).toMatchObject({ floorArea: 77.25, isPartyCenter: false });
    expect(room('bld-hxjy-3', '3602')).toMatchObject({ floorArea: 66, isPartyCenter: true });
  });

  test('reports every bad row by its spreadsheet row number and column, in Chinese, and writes nothing', async () => {
    const content = csv(
      '幸福里小区,1号楼,1-701,80,否', // row 2: fine
      '阳光小区,1号楼,1-702,80,否', // row 3: unknown estate
      '幸福里小区,9号楼,9-101,80,否', // row 4: unknown building
      '幸福里小区,1号楼,1 703,80,否', // row 5: bad room
      '幸福里小区,1号楼,1-704,0,否', // row 6: area not > 0
      '幸福里小区,1号楼,1-705,八十,否', // row 7: area not a number
      '幸福里小区,1号楼,1-706,80,可能', // row 8: bad flag
      '幸福里小区,1号楼,1-701,81,否', // row 9: duplicate of row 2
      '', // row 10: blank, skipped
      ',,,,', // row 11: blank, skipped
      '幸福里小区,1号楼,,,', // row 12: room and area missing
    );
    const reply = await f.expectNothingWritten(() => importAs(admin, { content }));
    expect(reply.ok).toBe(true);
    expect(reply.data).toMatchObject({ rows: 9, created: 0, updated: 0, errorCount: 9 });
    expect(reply.data.errors).toEqual([
      { row: 3, field: '小区', message: '小区“阳光小区”不存在，请先在组织架构中添加' },
      { row: 4, field: '楼栋', message: '幸福里小区没有楼栋“9号楼”，请先在组织架构中添加' },
      { row: 5, field: '房号', message: '房号只能包含数字、字母和“-”，例如 2-301' },
      { row: 6, field: '建筑面积', message: '建筑面积必须大于0' },
      { row: 7, field: '建筑面积', message: '建筑面积“八十”不是数字，例如 89.5' },
      { row: 8, field: '党员中心户', message: '党员中心户请填写“是”或“否”（不是“可能”）' },
      { row: 9, field: '房号', message: '房号“1号楼 1-701”与第2行重复' },
      { row: 12, field: '房号', message: '请填写房号' },
      { row: 12, field: '建筑面积', message: '请填写建筑面积' },
    ]);
  });

  test('reports a header without a required column as an error on row 1', async () => {
    const content = ['小区,楼栋,房号', '幸福里小区,1号楼,1-801'].join('\n');
    const reply = await f.expectNothingWritten(() => importAs(admin, { content }));
    expect(reply.data.errors).toEqual([{ row: 1, field: '建筑面积', message: '表头缺少“建筑面积”列' }]);
  });

  test('a dry run checks a good file, counts what it would do, and writes nothing', async () => {
    const content = csv('幸福里小区,3号楼,3-601,70,否', '幸福里小区,1号楼,1-102,70,否');
    const reply = await f.expectNothingWritten(() => importAs(admin, { content, dryRun: true }));
    expect(reply).toEqual(ok(2, 1, 1));
  });

  test('refuses a file that is not a spreadsheet as VALIDATION, writing nothing', async () => {
    const fileID = await uploadImport(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('not a zip')]), 'xlsx');
    await expectRefused(
      f,
      admin,
      'importHouseholds',
      { communityId: DEMO, fileID },
      'VALIDATION',
      'org.import-unreadable',
    );
  });

  test.each([
    ['an empty file id', { fileID: '' }],
    ['an unknown field', { fileID: 'cloud://local-dev.local/imports/20261102/abcdef.csv', overwrite: true }],
    ['the old inline content', { format: 'csv', content: 'x' }],
  ])('refuses %s as VALIDATION, writing nothing', async (_what, data) => {
    await expectRefused(f, admin, 'importHouseholds', { communityId: DEMO, ...data }, 'VALIDATION', 'input.invalid');
  });

  test.each(nonAdmins)('refuses %s as FORBIDDEN, writing nothing', async (_who, openid) => {
    const data = { communityId: DEMO, fileID: await uploadImport(csv('幸福里小区,1号楼,1-901,80,否')) };
    await expectRefused(f, openid, 'importHouseholds', data, 'FORBIDDEN', 'auth.not-admin');
  });

  test('refuses an anonymous caller as UNAUTHENTICATED', async () => {
    await expectRefused(
      f,
      null,
      'importHouseholds',
      { communityId: DEMO, fileID: await uploadImport('x') },
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });

  test('keeps each admin to their own community: estates of another community are unknown there', async () => {
    const content = csv('幸福里小区,1号楼,1-901,80,否');
    await expectRefused(
      f,
      otherPersonas.admin,
      'importHouseholds',
      { communityId: DEMO, fileID: await uploadImport(content) },
      'FORBIDDEN',
      'auth.not-admin',
    );
    const intoDonghu = csv('东湖花园,1号楼,1-201,80,否');
    await expectRefused(
      f,
      admin,
      'importHouseholds',
      { communityId: OTHER, fileID: await uploadImport(intoDonghu) },
      'FORBIDDEN',
      'auth.not-admin',
    );
    const fileID = await uploadImport(content);
    const reply = await f.expectNothingWritten(() =>
      f.call(otherPersonas.admin, 'org', 'importHouseholds', { communityId: OTHER, fileID }),
    );
    expect(reply.data.errors).toEqual([
      { row: 2, field: '小区', message: '小区“幸福里小区”不存在，请先在组织架构中添加' },
    ]);
    const own = await f.call(otherPersonas.admin, 'org', 'importHouseholds', {
      communityId: OTHER,
      fileID: await uploadImport(intoDonghu),
    });
    expect(own.data).toMatchObject({ created: 1, errors: [] });
  });
});

describe('the import writer (all rows or none)', () => {
  const ctx = (): Ctx => ({
    caller: { openid: null, appid: null },
    requestId: 'test-rollback',
    db: tcb.init({ env: 'local-dev' }).database(),
    runtime: 'local',
    now: () => new Date('2026-11-02T00:00:00Z'),
  });
  const base = { communityId: DEMO, estateId: 'estate-xfl', buildingId: 'bld-xfl-3', isPartyCenter: false };

  function planWithLateDuplicate(): ImportPlan {
    const before = f.find('households', { _id: 'hh-xfl-3-101' })[0] as any;
    return {
      rows: 4,
      errors: [],
      gridCreates: [],
      gridAssignments: [],
      updates: [{ before, floorArea: 199, isPartyCenter: true }],
      creates: [
        { ...base, room: '3-801', floorArea: 60 },
        { ...base, room: '3-802', floorArea: 60 },
        // Someone else added 3-102 between the check and the write: the unique index refuses it.
        { ...base, room: '3-102', floorArea: 60 },
      ],
    };
  }

  test('a unique-index failure midway deletes the created rows and restores the updated ones', async () => {
    const before = JSON.stringify(f.dump());
    await expect(applyImport(ctx(), planWithLateDuplicate(), { batchSize: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: 'org.import-conflict',
    });
    expect(JSON.stringify(f.dump())).toBe(before);
  });

  test('a failing final write (the audit entry) undoes the import too', async () => {
    const plan = planWithLateDuplicate();
    plan.creates.pop();
    const before = JSON.stringify(f.dump());
    const failure = new Error('audit unavailable');
    await expect(
      applyImport(ctx(), plan, {
        finalWrite: async () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(JSON.stringify(f.dump())).toBe(before);
  });
});

// Last: afterwards a collection holds more than the 1000 documents f.dump() compares.
describe('a large import', () => {
  test('imports 2000 rows in one go', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `和谐家园,1号楼,Y-${i + 1},70,否`);
    const reply = await importAs(admin, { content: csv(...lines) });
    expect(reply).toEqual(ok(2000, 2000, 0));
    // Read back through listHouseholds, which pages past the database's 1000-per-query limit.
    const listed = await f.call(admin, 'org', 'listHouseholds', { buildingId: 'bld-hxjy-1' });
    expect(listed.data.items).toHaveLength(2010);
    expect(listed.data.items.at(-1).room).toBe('Y-2000');
  });
});
