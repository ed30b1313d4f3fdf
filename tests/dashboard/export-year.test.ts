/**
 * dashboard.exportXlsx of a year of a large community: the export streams in pages of 500 rows
 * after a keyset cursor, every page costs the same number of database requests (page 12 what
 * page 1 costs) and answers well inside the function's timeout, and every row of the year comes
 * out exactly once. The community is seeded straight into the database (thousands of documents,
 * a second or two), so the test stays fast.
 */
import { DashboardExportFile } from '../../types/dashboard';
import { expectOk } from '../account/helpers';
import { OTHER, otherPersonas, fileFixture, type Fixture } from '../support/fixtures';

const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const WISHES = 2600;
const SIGNUPS = 1800;
const TOPICS = 700;
/** The dashboard function's timeout (cloudfunctions/dashboard/config.json) is 60 s; a page must take a small part of it. */
const PAGE_MS = 5000;

/** Spread `n` times over 2026 (China time), in a scrambled order so `_id` and time disagree. */
const spread = (n: number, i: number) =>
  new Date(Date.UTC(2025, 11, 31, 16) + ((i * 7919) % n) * ((365 * 86400_000) / n));

function seedYear(f: Fixture): void {
  f.insert(
    'wishes',
    Array.from({ length: WISHES }, (_, i) => ({
      _id: `yw-${String(i).padStart(5, '0')}`,
      communityId: OTHER,
      title: `心愿${i}`,
      category: 'elderly',
      state: 'published',
      posterName: '居民',
      createdAt: spread(WISHES, i),
    })),
  );
  f.insert('activities', [{ _id: 'ya-1', communityId: OTHER, title: '全年活动', category: 'elderly' }]);
  f.insert(
    'signups',
    Array.from({ length: SIGNUPS }, (_, i) => ({
      _id: `ys-${String(i).padStart(5, '0')}`,
      communityId: OTHER,
      activityId: 'ya-1',
      userId: `u-${i}`,
      userName: `党员${i}`,
      state: 'completed',
      startAt: new Date(spread(SIGNUPS, i).getTime() - 3600_000),
      endAt: spread(SIGNUPS, i),
      hours: 1,
      points: 2,
    })),
  );
  f.insert(
    'topics',
    Array.from({ length: TOPICS }, (_, i) => ({
      _id: `yt-${String(i).padStart(5, '0')}`,
      communityId: OTHER,
      title: `议题${i}`,
      step: 'collect',
      openedAt: spread(TOPICS, i),
      updatedAt: spread(TOPICS, i),
    })),
  );
}

const f = fileFixture(seedYear);

async function exportAll(kind: string): Promise<{ rows: number; pages: number; requests: number[]; slowest: number }> {
  let cursor: string | null = null;
  const requests: number[] = [];
  let rows = 0;
  let slowest = 0;
  for (let first = true; first || cursor !== null; first = false) {
    const started = Date.now();
    const { result, requests: n } = await f.requestsOf(() =>
      f.call(otherPersonas.admin, 'dashboard', 'exportXlsx', {
        communityId: OTHER,
        ...YEAR,
        kind,
        ...(cursor ? { cursor } : {}),
      }),
    );
    slowest = Math.max(slowest, Date.now() - started);
    const file: DashboardExportFile = expectOk(result, DashboardExportFile);
    expect(file.rows).toBeLessThanOrEqual(500);
    rows += file.rows;
    requests.push(n);
    cursor = file.nextCursor;
  }
  return { rows, pages: requests.length, requests, slowest };
}

test.each([
  ['wishes', WISHES],
  ['volunteer_hours', SIGNUPS],
  ['topics', TOPICS],
])('a year of %s of a large community streams in pages of 500, each of the same cost', async (kind, total) => {
  const run = await exportAll(kind);
  expect(run.rows).toBe(total);
  expect(run.pages).toBe(Math.ceil(total / 500));
  expect(new Set(run.requests).size).toBe(1);
  expect(run.slowest).toBeLessThan(PAGE_MS);
});
