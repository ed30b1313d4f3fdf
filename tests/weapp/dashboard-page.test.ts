/**
 * The dashboard page of the real WeChat build (dist/weapp/packages/dashboard/pages/index),
 * rendered by miniprogram-simulate with the cloud played by the test: it asks for this month's
 * overview of the community, shows every figure's numbers in its table (whether or not the
 * simulator can draw a 2d canvas — it cannot, so the charts fall back without breaking the
 * page), and a server error is shown with its message and a retry. Opened by a 街道工作人员 with
 * `street=1`, it asks for the street view, says 只读 and offers no export.
 */
import { aRoleView } from '../support/factories';
import { type LoadedPage, loadTaroPage } from './load-taro-page';
import { cloudOf, ok } from './play-cloud';

const PAGE = 'packages/dashboard/pages/index/index';
const COMMUNITY = 'comm-1';

jest.setTimeout(30_000);

const overview = {
  communityIds: [COMMUNITY],
  scopeLabel: '幸福里社区',
  from: '2026-11-01',
  to: '2026-11-29',
  scoped: ['registrations', 'wishes', 'topics'],
  registrations: {
    byStatus: [
      { key: 'pending', count: 7 },
      { key: 'approved', count: 12 },
      { key: 'rejected', count: 1 },
      { key: 'withdrawn', count: 0 },
    ],
    pending: 9,
    oldestPendingAt: '2026-10-02T02:00:00.000Z',
  },
  checkins: {
    quarter: '2026Q4',
    units: [
      { workUnitId: 'wu-1', workUnitName: '市税务局第三分局', members: 8, checkedIn: 6, rate: 0.75 },
      { workUnitId: 'wu-2', workUnitName: '区人民医院', members: 3, checkedIn: 1, rate: 1 / 3 },
    ],
  },
  wishes: {
    byState: [
      { state: 'submitted', count: 2 },
      { state: 'published', count: 4 },
      { state: 'rejected', count: 0 },
      { state: 'claimed', count: 3 },
      { state: 'fulfilled', count: 1 },
      { state: 'confirmed', count: 5 },
      { state: 'withdrawn', count: 0 },
      { state: 'expired', count: 0 },
    ],
    medianHoursToClaim: 5.5,
    medianHoursToConfirm: 41.25,
    oldestUnclaimed: { id: 'w-9', title: '想要一副助行器', publishedAt: '2026-11-10T02:00:00.000Z', ageDays: 19 },
  },
  volunteer: {
    totalHours: 27.5,
    byMonth: [{ month: '2026-11', hours: 27.5 }],
    byCategory: [
      { category: 'elderly', hours: 20 },
      { category: 'environment', hours: 7.5 },
    ],
  },
  topics: {
    byStep: ['collect', 'review', 'vote', 'notice', 'execute', 'evaluate', 'archived', 'ended'].map((step, i) => ({
      step,
      count: i === 0 ? 2 : i === 2 ? 1 : 0,
    })),
    avgDaysPerStep: [{ step: 'collect', days: 6.5, samples: 2 }],
  },
  points: {
    quarter: '2026Q4',
    buckets: [
      { label: '负分', min: null, max: 0, members: 0 },
      { label: '0–9分', min: 0, max: 10, members: 3 },
      { label: '10–19分', min: 10, max: 20, members: 4 },
      { label: '20–49分', min: 20, max: 50, members: 2 },
      { label: '50–99分', min: 50, max: 100, members: 0 },
      { label: '100分及以上', min: 100, max: null, members: 1 },
    ],
  },
  proxyActs: { total: 2, byAct: [{ act: 'post_wish', count: 2 }] },
};

const tree = {
  community: { id: COMMUNITY, streetId: 's-1', streetName: '和平街道', name: '幸福里社区', address: '幸福路88号' },
  estates: [
    {
      id: 'estate-1',
      communityId: COMMUNITY,
      name: '幸福里小区',
      partyBranchName: '幸福里小区党支部',
      buildings: [],
    },
  ],
  grids: [{ id: 'grid-1', communityId: COMMUNITY, name: '第一网格', buildingIds: [] }],
  councils: [],
  workUnits: [],
};

const streetViewer = {
  registered: true,
  profile: { id: 'user-street', name: '刘志强', phone: null, avatarUrl: null },
  roles: [
    aRoleView({
      id: 'street_viewer:user-street:s-1',
      userId: 'user-street',
      kind: 'street_viewer',
      communityId: COMMUNITY,
      streetId: 's-1',
      scopeLabel: '和平街道',
    }),
  ],
  bindings: [],
};

function cloud(answer: () => unknown, me?: unknown) {
  return cloudOf({
    'dashboard.overview': answer,
    'org.getTree': () => ok(tree),
    ...(me ? { 'account.me': () => ok(me) } : {}),
    'org.listCommunities': () => ok({ items: [tree.community] }),
  });
}

let page: LoadedPage | undefined;
afterEach(() => {
  page?.close();
  page = undefined;
});

test("asks for this month's overview and shows every figure's numbers", async () => {
  page = loadTaroPage(PAGE, { query: { communityId: COMMUNITY }, cloud: cloud(() => ({ ok: true, data: overview })) });
  await page.waitForText('待审核积压（当前）');
  const call = page.cloudCalls.find((c) => c.name === 'dashboard');
  const data = (call?.data as { data: Record<string, unknown> }).data;
  // This month in Shanghai, from the 1st to today.
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  expect(data).toEqual({ communityId: COMMUNITY, from: `${today.slice(0, 8)}01`, to: today, street: false });

  const text = page.text();
  for (const shown of [
    '9 份',
    '市税务局第三分局',
    '75%',
    '33%',
    '5.5 小时',
    '41.25 小时',
    '想要一副助行器',
    '已等待 19 天',
    '27.5 小时',
    '环境整治',
    '6.5',
    '100分及以上',
    '导出微心愿',
    '幸福里小区',
    '第一网格',
    '代办合计',
    '2 件',
  ]) {
    expect(text).toContain(shown);
  }
  // Not drilled down: nothing is marked community-wide.
  expect(text).not.toContain('全社区口径');
});

test('a server error is shown with its message and a retry', async () => {
  page = loadTaroPage(PAGE, {
    query: { communityId: COMMUNITY },
    cloud: cloud(() => ({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'role.not-admin', message: '只有社区管理员可以查看数据看板' },
    })),
  });
  await page.waitForText('只有社区管理员可以查看数据看板');
  expect(page.findAllByText('重试')).toHaveLength(1);
});

test('a street viewer gets the street view, marked 只读, without exports', async () => {
  page = loadTaroPage(PAGE, {
    query: { communityId: COMMUNITY, street: '1' },
    cloud: cloud(() => ({ ok: true, data: { ...overview, scopeLabel: '和平街道' } }), streetViewer),
  });
  await page.waitForText('待审核积压（当前）');
  await page.waitForText('按社区查看');
  const call = page.cloudCalls.find((c) => c.name === 'dashboard');
  expect((call?.data as { data: Record<string, unknown> }).data).toMatchObject({
    communityId: COMMUNITY,
    street: true,
  });
  const text = page.text();
  expect(text).toContain('只读');
  expect(text).toContain('和平街道');
  expect(text).not.toContain('导出');
});
