/**
 * dashboard.exportXlsx: each kind parses back with exceljs to the expected rows; large exports
 * continue page by page; admins of the community only.
 */
import ExcelJS from 'exceljs';
import { DashboardExportFile } from '../../types/dashboard';
import { expectError, expectOk } from '../account/helpers';
import { OTHER, demoPersonas, otherPersonas, fileFixture } from '../support/fixtures';
import { RANGE, moves, oct, seedDonghu, wish } from './seed';

const f = fileFixture(seedDonghu);

const exportAs = (openid: string | null, data: object) =>
  f.call(openid, 'dashboard', 'exportXlsx', { communityId: OTHER, ...RANGE, ...data });

async function readBack(file: { base64: string }): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as never);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

test('volunteer hours of the range', async () => {
  const file = expectOk(await exportAs(otherPersonas.admin, { kind: 'volunteer_hours' }), DashboardExportFile);
  const rows = await readBack(file);
  expect(rows[0]).toEqual(['姓名', '活动', '服务类别', '开始时间', '结束时间', '服务时长（小时）', '积分']);
  expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[5]])).toEqual([
    ['党员u1', '陪伴老人', '助老', 2],
    ['党员u2', '陪伴老人', '助老', 1.5],
    ['党员u1', '清扫楼道', '环境整治', 3],
  ]);
  expect(file.nextCursor).toBeNull();
  expect(file.fileName).toBe('东湖社区-志愿服务时长2026-10-01至2026-11-30.xlsx');
});

test('members with points and assessment, in pages of 2', async () => {
  const all: unknown[][] = [];
  let cursor: string | null = null;
  let pages = 0;
  for (let first = true; first || cursor !== null; first = false) {
    const file: DashboardExportFile = expectOk(
      await exportAs(otherPersonas.admin, { kind: 'members', pageSize: 2, ...(cursor ? { cursor } : {}) }),
      DashboardExportFile,
    );
    const rows = await readBack(file);
    expect(rows[0]).toEqual(['姓名', '党员类别', '报到单位', '区间积分', '考核季度', '季度积分', '达标分', '是否达标']);
    all.push(...rows.slice(1));
    cursor = file.nextCursor;
    pages++;
  }
  expect(pages).toBe(3);
  expect(all.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
    ['赵一', '在职党员', '甲单位', 15],
    ['钱二', '在职党员', '甲单位', 25],
    ['孙三', '在职党员', '甲单位', -2],
    ['李四', '在职党员', '乙单位', 120],
    ['周五', '退休党员', '', 3],
  ]);
  // The assessment quarter is the one the range ends in (or the current one, if earlier): 2026Q4
  // for a range ending 2026-11-30, whatever the day the test runs.
  expect(all[0]![4]).toBe('2026Q4');
});

test('wishes and topics of the range', async () => {
  const wishes = await readBack(expectOk(await exportAs(otherPersonas.admin, { kind: 'wishes' }), DashboardExportFile));
  expect(wishes[0]).toEqual(['标题', '类别', '状态', '发布人', '认领人', '发布时间', '认领时间', '确认时间']);
  expect(wishes.slice(1).map((r) => r[0])).toEqual(['心愿w1', '心愿w2', '心愿w3', '心愿w4', '心愿w5', '心愿w7']);
  const topics = await readBack(expectOk(await exportAs(otherPersonas.admin, { kind: 'topics' }), DashboardExportFile));
  expect(topics[0]).toEqual(['议题', '范围', '当前步骤', '发起人', '发起时间', '最近更新']);
  expect(topics.slice(1).map((r) => [r[0], r[2]])).toEqual([
    ['议题t1', '决议'],
    ['议题t3', '已终止'],
    ['议题t2', '意见收集'],
  ]);
});

test('refusals and bad input', async () => {
  expectError(await exportAs(null, { kind: 'wishes' }), 'UNAUTHENTICATED', 'auth.no-identity');
  expectError(await exportAs(otherPersonas.resident, { kind: 'wishes' }), 'FORBIDDEN', 'auth.not-admin');
  expectError(await exportAs(demoPersonas.admin, { kind: 'wishes' }), 'FORBIDDEN', 'auth.not-admin');
  expectError(await exportAs(otherPersonas.admin, { kind: 'everything' }), 'VALIDATION', 'input.invalid');
  expectError(await exportAs(otherPersonas.admin, { kind: 'wishes', pageSize: 5000 }), 'VALIDATION', 'input.invalid');
});

test('an export larger than a page continues with the next page until every row is out (default page size)', async () => {
  const bulk = Array.from({ length: 1000 }, (_, i) =>
    wish(`bulk-${String(i).padStart(4, '0')}`, 'published', moves(oct(7, i / 100), [])),
  );
  f.insert('wishes', bulk);
  const titles: unknown[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  for (let first = true; first || cursor !== null; first = false) {
    const file: DashboardExportFile = expectOk(
      await exportAs(otherPersonas.admin, { kind: 'wishes', ...(cursor ? { cursor } : {}) }),
      DashboardExportFile,
    );
    const rows = (await readBack(file)).slice(1);
    expect(rows).toHaveLength(file.rows);
    sizes.push(file.rows);
    titles.push(...rows.map((r) => r[0]));
    cursor = file.nextCursor;
  }
  expect(sizes).toEqual([500, 500, 6]);
  expect(new Set(titles).size).toBe(1006);
  expect(titles).toEqual(expect.arrayContaining(['心愿w1', '心愿w7', '心愿bulk-0000', '心愿bulk-0999']));
});
