/**
 * Import through storage: which files the function reads (only `imports/…` of this environment,
 * at most 4 MB and 10,000 rows), what happens to the file afterwards, and the import as one job
 * per file — a retry after a crash at any point ends with exactly one copy of each household
 * and one audit entry, and a repeat answers the same reply.
 */
import { downloadImportFile } from '../../cloudfunctions/org/src/import/import-file';
import { DEMO, OTHER, demoBuildings, demoPersonas, otherPersonas, fileFixture } from '../support/fixtures';
import { resetCrashPointsAfterEach } from '../support/crash-points';
import { csv, fileExists, importPath, uploadAt, uploadImport } from './import-helpers';
import { expectRefused } from './refusals';

const f = fileFixture();
resetCrashPointsAfterEach();

const admin = demoPersonas.admin;
const importAs = (openid: string, data: Record<string, unknown>) =>
  f.call(openid, 'org', 'importHouseholds', { communityId: DEMO, ...data });
/** An import of `fileID` (into 幸福里 unless said) that must be refused with `code` and `reason`, writing nothing. */
const refusedImport = (
  fileID: string,
  code: string,
  reason: string,
  { as = admin, communityId = DEMO }: { as?: string; communityId?: string } = {},
) => expectRefused(f, as, 'importHouseholds', { communityId, fileID }, code, reason);
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e10000000049454e44ae426082',
  'hex',
);

describe('which files the import reads', () => {
  test('refuses a file over 4 MB as LIMIT_EXCEEDED, writing nothing, and deletes it', async () => {
    const line = '幸福里小区,1号楼,Z-1,70,否\r\n';
    const big = csv(line.repeat(Math.ceil((4 * 1024 * 1024) / Buffer.byteLength(line)) + 1));
    const fileID = await uploadImport(big);
    const reply = await refusedImport(fileID, 'LIMIT_EXCEEDED', 'org.import-file-too-large');
    expect(reply.error.message).toContain('4MB');
    expect(fileExists(f, fileID)).toBe(false);
  });

  test('refuses more than 10,000 rows as LIMIT_EXCEEDED before checking them', async () => {
    const lines = Array.from({ length: 10_001 }, (_, i) => `幸福里小区,3号楼,X-${i + 1},70,否`);
    const fileID = await uploadImport(csv(...lines));
    const reply = await refusedImport(fileID, 'LIMIT_EXCEEDED', 'org.import-too-many-rows');
    expect(reply.error.message).toContain('10001');
    expect(fileExists(f, fileID)).toBe(false);
  });

  test.each([
    ['a photo outside imports/', async () => uploadAt('uploads/2026-11-02/photo.png', png)],
    ['a file of another environment', async () => 'cloud://other-env.bucket/imports/20261102/abcdef123.csv'],
    ['a path that climbs out of imports/', async () => 'cloud://local-dev.local/imports/../uploads/abcdef.csv'],
    ['a file that is not csv or xlsx', async () => 'cloud://local-dev.local/imports/20261102/abcdef123.xls'],
    ['a plain URL', async () => 'https://example.com/imports/20261102/abcdef123.csv'],
  ])('refuses %s as VALIDATION (org.import-file-path)', async (_what, fileIdOf) => {
    await refusedImport(await fileIdOf(), 'VALIDATION', 'org.import-file-path');
  });

  test('refuses a file that is not in storage as NOT_FOUND', async () => {
    await refusedImport(`cloud://local-dev.local/${importPath()}`, 'NOT_FOUND', 'org.import-file-missing');
  });

  test("refuses an admin of another community, and leaves that community's file alone", async () => {
    const fileID = await uploadImport(csv('幸福里小区,1号楼,1-1301,80,否'));
    await refusedImport(fileID, 'FORBIDDEN', 'auth.not-admin', { as: otherPersonas.admin });
    expect(fileExists(f, fileID)).toBe(true);
  });

  test('refuses a file already imported into one community for another', async () => {
    const fileID = await uploadImport(csv('幸福里小区,1号楼,1-1302,80,否'));
    expect((await importAs(admin, { fileID })).data).toMatchObject({ created: 1 });
    await refusedImport(fileID, 'FORBIDDEN', 'org.import-file-other-community', {
      as: otherPersonas.admin,
      communityId: OTHER,
    });
  });

  test('the emulator stores csv and xlsx only under imports/, and images only elsewhere', async () => {
    const refused = (message: string) => ({ code: 'STORAGE_REQUEST_FAIL', message: `[InvalidArgument]: ${message}` });
    await expect(uploadAt('uploads/2026-11-02/sheet.csv', 'a,b')).rejects.toMatchObject(
      refused('只能上传 jpg、png、webp 或 gif 图片'),
    );
    await expect(uploadAt(importPath('xlsx'), 'not a zip')).rejects.toMatchObject(refused('文件内容与格式不符'));
    await expect(uploadAt('imports/20261102/photo.png', png)).rejects.toMatchObject(
      refused('导入文件只能是 csv 或 xlsx'),
    );
    const viaH5 = await fetch(`${f.server.url}/api/local/upload`, {
      method: 'POST',
      headers: { 'x-file-name': 'import.csv' },
      body: csv('幸福里小区,1号楼,1-1303,80,否'),
    });
    const body = (await viaH5.json()) as { ok: boolean; data: { fileID: string } };
    expect(body.data.fileID).toMatch(/^cloud:\/\/local-dev\.local\/imports\/\d{8}\/[0-9a-f]{32}\.csv$/);
  });
});

describe('reading the file on a runtime without fetch (Node 16)', () => {
  test("falls back to the SDK's downloadFile, with the same 4 MB limit", async () => {
    const small = await uploadImport(csv('幸福里小区,1号楼,1-1501,80,否'));
    const big = await uploadImport(Buffer.alloc(4 * 1024 * 1024 + 1, 0x41));
    const saved = globalThis.fetch;
    try {
      (globalThis as { fetch?: unknown }).fetch = undefined;
      expect((await downloadImportFile(small)).toString('utf8')).toContain('1-1501');
      await expect(downloadImportFile(big)).rejects.toMatchObject({ reason: 'org.import-file-too-large' });
    } finally {
      globalThis.fetch = saved;
    }
  });
});

describe('the file after the import', () => {
  test('a dry run that passes keeps the file for the import; the import deletes it', async () => {
    const fileID = await uploadImport(csv('幸福里小区,1号楼,1-1401,80,否'));
    expect((await importAs(admin, { fileID, dryRun: true })).data).toMatchObject({ created: 1, errorCount: 0 });
    expect(fileExists(f, fileID)).toBe(true);
    expect((await importAs(admin, { fileID })).data).toMatchObject({ created: 1, errorCount: 0 });
    expect(fileExists(f, fileID)).toBe(false);
  });

  test('a file with row errors is deleted (the person fixes it and uploads again)', async () => {
    const fileID = await uploadImport(csv('幸福里小区,9号楼,9-1,80,否'));
    const reply = await f.expectNothingWritten(() => importAs(admin, { fileID, dryRun: true }));
    expect(reply.data.errorCount).toBe(1);
    expect(fileExists(f, fileID)).toBe(false);
  });

  test('lists the first 200 row errors and counts them all', async () => {
    const lines = Array.from({ length: 450 }, (_, i) => `幸福里小区,1号楼,E-${i + 1},不知道,否`);
    const fileID = await uploadImport(csv(...lines));
    const reply = await f.expectNothingWritten(() => importAs(admin, { fileID }));
    expect(reply.data).toMatchObject({ rows: 450, created: 0, updated: 0, errorCount: 450 });
    expect(reply.data.errors).toHaveLength(200);
    expect(reply.data.errors[199]).toEqual({
      row: 201,
      field: '建筑面积',
      message: '建筑面积“不知道”不是数字，例如 89.5',
    });
  });
});

describe('one import per file: a crash and a retry', () => {
  const buildings = demoBuildings;
  /** This test's households, read building by building (a read returns at most 1000). */
  const households = (prefix: string) =>
    buildings.flatMap(([, , id]) => f.find('households', { buildingId: id }).filter((h) => h.room.startsWith(prefix)));
  const auditsOf = (prefix: string) =>
    f
      .find('audit_log', { action: 'org.importHouseholds' })
      .filter((a) => JSON.stringify(a.after).includes(`"${prefix}`));

  test.each(['org.import.after-insert', 'org.import.before-audit', 'org.import.after-audit'])(
    'a crash at %s, then a retry: every household once, one audit entry, the whole reply',
    async (point) => {
      const prefix = `C${point.length}${point.slice(-3)}-`;
      // 1-101 exists in the demo (floor area differs): updated; 2500 new rooms: three insert batches.
      const lines = [
        '幸福里小区,1号楼,1-101,101.5,是',
        ...Array.from(
          { length: 2500 },
          (_, i) => `${buildings[i % 6]![0]},${buildings[i % 6]![1]},${prefix}${i + 1},70,否`,
        ),
      ];
      const before101 = f.find('households', { _id: 'hh-xfl-1-101' })[0]!;
      const fileID = await uploadImport(csv(...lines));
      process.env.HONGSE_CRASH_AT = point;
      const crashed = await importAs(admin, { fileID });
      expect(crashed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(fileExists(f, fileID)).toBe(true);
      delete process.env.HONGSE_CRASH_AT;

      const retried = await importAs(admin, { fileID });
      expect(retried).toEqual({
        ok: true,
        data: { rows: 2501, created: 2500, updated: 1, errorCount: 0, errors: [], encoding: 'utf-8' },
      });
      const written = households(prefix);
      expect(written).toHaveLength(2500);
      expect(new Set(written.map((h) => h.room)).size).toBe(2500);
      expect(f.find('households', { _id: 'hh-xfl-1-101' })[0]).toMatchObject({ floorArea: 101.5, isPartyCenter: true });
      const audits = auditsOf(prefix);
      expect(audits).toHaveLength(1);
      expect(audits[0]!.after.created).toHaveLength(2500);
      expect(audits[0]!.before.updated).toEqual([
        { id: 'hh-xfl-1-101', room: '1-101', floorArea: before101.floorArea, isPartyCenter: before101.isPartyCenter },
      ]);
      expect(fileExists(f, fileID)).toBe(false);

      // A repeat (a reply lost on the way) answers the same reply and writes nothing.
      const again = await f.expectNothingWritten(() => importAs(admin, { fileID }));
      expect(again).toEqual(retried);

      // Put 1-101 back for the next crash point.
      await importAs(admin, {
        fileID: await uploadImport(
          csv(`幸福里小区,1号楼,1-101,${before101.floorArea},${before101.isPartyCenter ? '是' : '否'}`),
        ),
      });
    },
  );
});
