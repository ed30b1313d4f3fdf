/**
 * Database requests per call (issue #13, part 4): a page of an export costs at most four
 * requests, however many members, ledger entries, wishes or topics the community has; the
 * overview costs three for every input shape (see also overview.test.ts).
 */
import ExcelJS from 'exceljs';
import { DashboardExportFile, Overview } from '../../types/dashboard';
import { expectOk } from '../account/helpers';
import { aLedgerEntry, aRole, aTimelineStep, aUser, aWish } from '../support/factories';
import { OTHER, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { expectMedianNear, rebuild } from './rollups';
import { RANGE, oct, seedDonghu } from './seed';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  seedDonghu(f);
});
afterAll(() => f.stop());

const requestsOf = <T>(fn: () => Promise<T>) => f.requestsOf(fn);

async function rowsOf(file: { base64: string }): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as never);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

test('a page of 50 members with their points costs at most four database requests, however many members and ledger entries', async () => {
  const people = Array.from({ length: 80 }, (_, i) => `rc-m${String(i).padStart(2, '0')}`);
  f.insert(
    'users',
    people.map((id, i) =>
      aUser({ _id: id, openid: `rc-open-${i}`, name: `党员${i}`, phone: '13900000000', createdAt: oct(1) }),
    ),
  );
  f.insert(
    'roles',
    people.map((userId) =>
      aRole({ kind: 'member', userId, memberType: 'retired', scopeLabel: '退休党员', grantedAt: oct(1) }),
    ),
  );
  // Ten entries per member in the range, 1 point each.
  f.insert(
    'point_ledger',
    people.flatMap((userId) =>
      Array.from({ length: 10 }, (_, k) => aLedgerEntry({ _id: `rc-l-${userId}-${k}`, userId, createdAt: oct(2 + k) })),
    ),
  );
  const { result, requests } = await requestsOf(() =>
    f.call(otherPersonas.admin, 'dashboard', 'exportXlsx', {
      communityId: OTHER,
      ...RANGE,
      kind: 'members',
      pageSize: 50,
    }),
  );
  const file = expectOk(result, DashboardExportFile);
  expect(file.rows).toBe(50);
  expect(file.nextCursor).toMatch(/^2\./);
  const rows = await rowsOf(file);
  const first = rows.find((r) => r[0] === '党员0')!;
  // 10 points in the range; the assessment quarter is 2026Q4, where all ten fall.
  expect([first[3], first[4], first[5]]).toEqual([10, '2026Q4', 10]);
  expect(requests).toBeLessThanOrEqual(4);
});

test('a page of wishes, volunteer hours or topics costs at most four database requests', async () => {
  for (const kind of ['wishes', 'volunteer_hours', 'topics'] as const) {
    const { result, requests } = await requestsOf(() =>
      f.call(otherPersonas.admin, 'dashboard', 'exportXlsx', { communityId: OTHER, ...RANGE, kind }),
    );
    expectOk(result, DashboardExportFile);
    expect(requests).toBeLessThanOrEqual(4);
  }
});

test("the overview costs at most four database requests in every view (community, estate, building, grid, street), with two hundred wishes more, and its median is still the middle value (within the histograms' bound)", async () => {
  // 201 more wishes claimed 100, 101, …, 300 hours after publication, in the seed's building.
  f.insert(
    'wishes',
    Array.from({ length: 201 }, (_, i) =>
      aWish({
        _id: `rc-w${i}`,
        title: '测试心愿',
        timeline: [
          aTimelineStep({ at: oct(3), from: 'submitted', to: 'published' }),
          aTimelineStep({ at: oct(3, 100 + i), from: 'published', to: 'claimed' }),
        ],
      }),
    ),
  );
  await rebuild(f, otherPersonas.admin, OTHER);
  for (const view of [
    {},
    { estateId: 'estate-dh' },
    { buildingId: 'bld-dh-1' },
    { gridId: 'none' },
    { street: true },
  ]) {
    const { result, requests } = await requestsOf(() =>
      f.call(otherPersonas.admin, 'dashboard', 'overview', { communityId: OTHER, ...RANGE, ...view }),
    );
    const o = expectOk(result, Overview);
    // The caller, the community with what the view names, the roll-ups with the units, a title:
    // within the read budget of four (issue #18 asks at most six).
    expect(requests).toBeLessThanOrEqual(4);
    if (Object.keys(view).length === 0) {
      // The seed's four first claims (2, 4, 6, 10 hours) and these 201: 205 values, the 103rd.
      expectMedianNear(o.wishes.medianHoursToClaim, 198);
      expect(o.wishes.byState.find((s) => s.state === 'claimed')!.count).toBeGreaterThanOrEqual(201);
    }
  }
});
