/**
 * points.exportXlsx: the quarter report, a unit's service cards and a year's ratings as xlsx
 * files with Chinese headers — read back with exceljs, they hold exactly the report's rows.
 * Same permissions as the underlying reports.
 */
import ExcelJS from 'exceljs';
import { ExportFile, QuarterReport, ServiceCards } from '../../types/points';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { PREVIOUS, creditAt, expectOk, expectRefused, inQuarter, nonAdmins } from './helpers';

let f: Fixture;
const YEAR = Number(PREVIOUS.slice(0, 4));
beforeAll(async () => {
  f = await startFixture();
  const at = inQuarter(PREVIOUS);
  for (const [userId, amount] of [
    ['user-member', 24],
    ['user-liaison', 20],
    ['user-r003', 20],
    ['user-leader', 3],
  ] as const) {
    await creditAt(at, { userId, amount });
  }
  await creditAt(at, { userId: 'user-member', amount: 5, reason: 'volunteer_hours', hours: 1.25 });
  const rate = (target: string, targetId: string, grade: string, comment = '') =>
    f.call(demoPersonas.admin, 'points', 'rate', { communityId: DEMO, year: YEAR, target, targetId, grade, comment });
  await rate('member', 'user-member', 'excellent', '带头参加志愿服务');
  await rate('member', 'user-liaison', 'qualified');
  await rate('work_unit', 'wu-tax', 'excellent', '组织有力');
});
afterAll(async () => {
  await f.stop();
});

const exportAs = (openid: string | null, data: object) =>
  f.call(openid, 'points', 'exportXlsx', { communityId: DEMO, ...data });

/** The first sheet of an exported file: its name and every row as plain cell values. */
async function readBack(file: { base64: string }): Promise<{ name: string; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as never);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, rows };
}

test('the quarter report: 排名, 姓名, 报到单位, 季度积分, 达标分, 是否达标 — the same rows as quarterReport', async () => {
  const file = expectOk(await exportAs(demoPersonas.admin, { kind: 'quarter_report', quarter: PREVIOUS }), ExportFile);
  const report = expectOk(
    await f.call(demoPersonas.admin, 'points', 'quarterReport', { communityId: DEMO, quarter: PREVIOUS }),
    QuarterReport,
  );
  expect(file.fileName).toBe(`幸福里社区-${PREVIOUS}季度考核.xlsx`);
  expect(file.rows).toBe(report.rows.length);
  const { name, rows } = await readBack(file);
  expect(name).toBe(`${PREVIOUS}季度考核`);
  expect(rows[0]).toEqual(['排名', '姓名', '报到单位', '季度积分', '达标分', '是否达标']);
  expect(rows.slice(1)).toEqual(
    report.rows.map((r) => [r.rank, r.userName, r.workUnitName ?? '', r.points, 20, r.qualified ? '达标' : '未达标']),
  );
  expect(rows.slice(1, 5)).toEqual([
    [1, '李建国', '市税务局第三分局', 29, 20, '达标'],
    [2, '胡雪梅', '区人民医院', 20, 20, '达标'],
    [2, '刘芳', '市税务局第三分局', 20, 20, '达标'],
    [4, '陈志强', '', 3, 20, '未达标'],
  ]);
});

test('service cards, for the unit’s liaison, with hours and ratings', async () => {
  const file = expectOk(
    await exportAs(demoPersonas.liaison, { kind: 'service_cards', workUnitId: 'wu-tax', quarter: PREVIOUS }),
    ExportFile,
  );
  const cards = expectOk(
    await f.call(demoPersonas.liaison, 'points', 'serviceCards', { workUnitId: 'wu-tax', quarter: PREVIOUS }),
    ServiceCards,
  );
  expect(file.fileName).toBe(`幸福里社区-市税务局第三分局-${PREVIOUS}服务卡.xlsx`);
  expect(file.rows).toBe(4);
  const { rows } = await readBack(file);
  expect(rows[0]).toEqual([
    '姓名',
    '报到单位',
    '参加活动（次）',
    '志愿服务（小时）',
    '完成微心愿（个）',
    '季度积分',
    '年度评定',
  ]);
  expect(rows.slice(1)).toEqual(
    cards.cards.map((c) => [c.userName, '市税务局第三分局', c.events, c.hours, c.wishes, c.points, expect.any(String)]),
  );
  expect(rows[1]).toEqual(['李建国', '市税务局第三分局', 0, 1.25, 0, 29, '优秀']);
  expect(rows[2]).toEqual(['刘芳', '市税务局第三分局', 0, 0, 0, 20, '合格']);
  expect(rows.slice(3).every((r) => r[6] === '未评定')).toBe(true);
});

test('a year’s ratings', async () => {
  const file = expectOk(await exportAs(demoPersonas.admin, { kind: 'ratings', year: YEAR }), ExportFile);
  expect(file).toMatchObject({ fileName: `幸福里社区-${YEAR}年度评定.xlsx`, rows: 3 });
  const { rows } = await readBack(file);
  expect(rows[0]).toEqual(['评定对象', '名称', '评定等级', '评语', '评定时间']);
  expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual([
    ['党员', '李建国', '优秀', '带头参加志愿服务'],
    ['党员', '刘芳', '合格', ''],
    ['报到单位', '市税务局第三分局', '优秀', '组织有力'],
  ]);
  expect(String(rows[1]![4])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
});

test('a missing parameter for the kind is VALIDATION; bad input too; nothing is written', async () => {
  const cases: Array<[object, string]> = [
    [{ kind: 'quarter_report' }, 'quarter'],
    [{ kind: 'service_cards', quarter: PREVIOUS }, 'workUnitId'],
    [{ kind: 'service_cards', workUnitId: 'wu-tax' }, 'quarter'],
    [{ kind: 'ratings' }, 'year'],
    [{ kind: 'pdf', quarter: PREVIOUS }, 'kind'],
    [{ kind: 'quarter_report', quarter: '2026-Q1' }, 'quarter'],
  ];
  for (const [data, field] of cases) {
    const reply = await expectRefused(
      f,
      demoPersonas.admin,
      'exportXlsx',
      { communityId: DEMO, ...data },
      'VALIDATION',
      'input.invalid',
    );
    expect(reply.error.fields[field]).toMatch(/[\u4e00-\u9fa5]/);
  }
});

test('permissions follow the reports: non-admins, other units’ liaisons, other communities and anonymous callers are refused', async () => {
  for (const kind of ['quarter_report', 'ratings']) {
    const data = { communityId: DEMO, kind, quarter: PREVIOUS, year: YEAR };
    for (const [, openid] of nonAdmins)
      await expectRefused(f, openid, 'exportXlsx', data, 'FORBIDDEN', 'auth.not-admin');
    for (const [who, input, code, reason] of [
      [otherPersonas.admin, data, 'FORBIDDEN', 'auth.not-admin'],
      [demoPersonas.admin, { ...data, communityId: OTHER }, 'FORBIDDEN', 'auth.not-admin'],
      [null, data, 'UNAUTHENTICATED', 'auth.no-identity'],
    ] as const) {
      await expectRefused(f, who, 'exportXlsx', input, code, reason);
    }
  }
  const cards = { communityId: DEMO, kind: 'service_cards', quarter: PREVIOUS };
  for (const [openid, data, code, reason] of [
    [demoPersonas.liaison, { ...cards, workUnitId: 'wu-hospital' }, 'FORBIDDEN', 'points.not-unit-viewer'],
    [demoPersonas.member, { ...cards, workUnitId: 'wu-tax' }, 'FORBIDDEN', 'points.not-unit-viewer'],
    [otherPersonas.admin, { ...cards, workUnitId: 'wu-tax' }, 'FORBIDDEN', 'points.not-unit-viewer'],
    [
      otherPersonas.admin,
      { ...cards, communityId: OTHER, workUnitId: 'wu-tax' },
      'FORBIDDEN',
      'points.not-unit-viewer',
    ],
    [demoPersonas.liaison, { ...cards, communityId: OTHER, workUnitId: 'wu-tax' }, 'NOT_FOUND', 'work-unit.not-found'],
  ] as const) {
    await expectRefused(f, openid, 'exportXlsx', data, code, reason);
  }
  // The admins export any unit's cards.
  expectOk(
    await exportAs(demoPersonas.admin, { kind: 'service_cards', workUnitId: 'wu-hospital', quarter: PREVIOUS }),
    ExportFile,
  );
});
