/**
 * End to end (数据看板), in Chromium against the in-process server with the demo community: the
 * test writes a small, known set of records into 幸福里社区 (registrations, check-ins, wishes,
 * volunteer hours, topics, points — dated relative to now so the 近30天 range holds them, and one
 * older pending registration), then the admin 王红梅 opens 数据看板 from 我的 and
 * - sees every chart drawn (the canvases have painted pixels) and the tables beside them show
 *   the hand-counted figures;
 * - an end date before the start date shows an error and asks the server nothing;
 * - drills down 幸福里小区 › 1号楼 and sees the narrowed figures, the community-wide ones tagged
 *   全社区口径, and goes back up with the breadcrumb; then down to 第一网格 (its wishes and its
 *   代办 acts) and back up;
 * - opens the oldest unclaimed wish from its card;
 * - switches to 街道汇总 (the street adds 东湖社区's record; no drill-down, no exports);
 * - downloads the wishes export, which parses back (exceljs) to the expected headers and rows.
 * Screenshots: test-results/e2e-dashboard-*.png.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { quarterOf } from '../../types/time';
import type { WishState } from '../../types/wish';
import { buildDemoData } from '../../emulator/seed/demo-community';
import { artifact, launchBrowser, newPhone } from '../support/browser';
import { aLedgerEntry, aTimelineStep, aWish } from '../support/factories';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { proxyAuditEntry, rebuild } from '../dashboard/rollups';
import { registration, reloading, shot, table } from './dashboard-page';
import { guardConsole } from './support';

jest.setTimeout(300_000);

let f: Fixture;
let browser: Browser;
let url: string;

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.now();
const ago = (days: number, hours = 0) => new Date(NOW - days * D + hours * H);
const QUARTER = quarterOf(new Date(NOW));
/** "2026-11" of an instant, in Asia/Shanghai. */
const cstMonth = (d: Date) => new Date(d.getTime() + 8 * H).toISOString().slice(0, 7);

const demo = buildDemoData(new Date(0));
/** The in-office members of the demo by work unit (ids as the seed makes them). */
const membersOf = (unit: string) =>
  demo.roles.filter((r) => r.kind === 'member' && r.workUnitId === unit).map((r) => r.userId);
const TAX = membersOf('wu-tax');
const HOSPITAL = membersOf('wu-hospital');
const SCHOOL = membersOf('wu-school');

const HH = { xfl1: 'hh-xfl-1-101', xfl2: 'hh-xfl-2-101', hxjy1: 'hh-hxjy-1-101' } as const;
const place = (hh: string) => {
  const h = demo.households.find((x) => x._id === hh)!;
  return { estateId: h.estateId, buildingId: h.buildingId, householdId: h._id };
};

type Move = [hoursAfterPublish: number, from: WishState, to: WishState];
const wish = (id: string, title: string, state: WishState, hh: string, published: Date | null, moves: Move[] = []) => {
  const posted = published ? new Date(published.getTime() - H) : ago(2);
  const timeline = [
    aTimelineStep({ at: posted, to: 'submitted' }),
    ...(published ? [aTimelineStep({ at: published, from: 'submitted', to: 'published' })] : []),
    ...moves.map(([h, from, to]) => aTimelineStep({ at: new Date(published!.getTime() + h * H), from, to })),
  ];
  return aWish({
    _id: id,
    communityId: DEMO,
    ...place(hh),
    householdLabel: demo.households.find((x) => x._id === hh)!.room,
    posterId: 'user-resident',
    posterName: '张秀英',
    posterOpenid: 'demo-resident',
    title,
    content: '测试用的心愿内容',
    wantedBy: '2099-12-31',
    wantedByEnd: new Date('2099-12-31T16:00:00Z'),
    state,
    claimSeq: moves.length ? 1 : 0,
    claimerName: moves.length ? '李建国' : null,
    timeline,
  });
};

const signup = (id: string, activityId: string, userId: string, state: string, hours: number, endAt: Date) => ({
  _id: id,
  activityId,
  communityId: DEMO,
  userId,
  userName: userId,
  state,
  seq: 1,
  pending: false,
  startAt: new Date(endAt.getTime() - hours * H),
  endAt,
  checkedInAt: null,
  checkedOutAt: null,
  hours,
  points: hours * 2,
  autoClosed: false,
  correctedReason: null,
  creditVersion: 1,
  createdAt: ago(29),
  updatedAt: endAt,
});

const topic = (id: string, step: string, hh: string | null, history: Array<[Date, string]>) => ({
  _id: id,
  communityId: DEMO,
  estateId: hh ? place(hh).estateId : 'estate-hxjy',
  buildingId: hh ? place(hh).buildingId : null,
  scopeLabel: '测试',
  title: `议题${id}`,
  step,
  leaderName: '陈志强',
  history: history.map(([at, to], i) => ({
    at,
    from: i === 0 ? null : history[i - 1]![1],
    to,
    byId: null,
    byName: '测试',
    note: null,
  })),
  openedAt: history[0]![0],
  updatedAt: history[history.length - 1]![0],
});

const ledger = (id: string, userId: string, amount: number, createdAt: Date) =>
  aLedgerEntry({ _id: id, userId, communityId: DEMO, amount, createdAt });

/** The known records, and what the dashboard must show for them (counted by hand below). */
function seed(): void {
  f.insert('registrations', [
    registration('e2e-r1', 'pending', ago(5), HH.xfl1, DEMO),
    registration('e2e-r2', 'approved', ago(6), HH.xfl1, DEMO),
    registration('e2e-r3', 'pending', ago(7), HH.hxjy1, DEMO),
    registration('e2e-r4', 'rejected', ago(8), HH.xfl2, DEMO),
    registration('e2e-r5', 'pending', ago(60), HH.xfl1, DEMO), // before the range: backlog only
    registration('e2e-r6', 'pending', ago(4), 'hh-dh-1-101', OTHER), // 东湖: the street view only
  ]);
  const checkin = (userId: string) => ({
    _id: `ev-e2e:${userId}`,
    eventId: 'ev-e2e',
    eventTitle: '主题党日',
    communityId: DEMO,
    userId,
    userName: userId,
    method: 'manual',
    reason: null,
    recordedBy: null,
    quarter: QUARTER,
    checkedInAt: new Date(NOW - H),
  });
  f.insert('checkins', [checkin(TAX[0]!), checkin(TAX[1]!), checkin(HOSPITAL[0]!)]);
  f.insert('wishes', [
    wish('e2e-w1', '想请人帮忙换灯泡', 'confirmed', HH.xfl1, ago(10), [
      [4, 'published', 'claimed'],
      [20, 'claimed', 'fulfilled'],
      [30, 'fulfilled', 'confirmed'],
    ]),
    wish('e2e-w2', '希望有人陪我去医院复查', 'claimed', HH.xfl1, ago(8), [[10, 'published', 'claimed']]),
    wish('e2e-w3', '想要一些旧书给孙子看', 'published', HH.xfl2, ago(6)),
    wish('e2e-w4', '想要一副老花镜', 'published', HH.hxjy1, ago(20)),
    wish('e2e-w5', '想学用智能手机挂号', 'submitted', HH.xfl1, null),
  ]);
  f.insert('activities', [
    { _id: 'e2e-act-a', communityId: DEMO, title: '陪伴独居老人', category: 'elderly' },
    { _id: 'e2e-act-b', communityId: DEMO, title: '清理楼道杂物', category: 'environment' },
  ]);
  f.insert('signups', [
    signup('e2e-s1', 'e2e-act-a', TAX[0]!, 'completed', 2, ago(3)),
    signup('e2e-s2', 'e2e-act-a', TAX[1]!, 'completed', 1.5, ago(3)),
    signup('e2e-s3', 'e2e-act-b', TAX[0]!, 'completed', 3, ago(25)),
    signup('e2e-s4', 'e2e-act-b', TAX[1]!, 'no_show', 0, ago(25)),
  ]);
  f.insert('topics', [
    topic('e2e-t1', 'vote', HH.xfl1, [
      [ago(12), 'collect'],
      [ago(9), 'review'],
      [ago(8), 'vote'],
    ]),
    topic('e2e-t2', 'collect', null, [[ago(5), 'collect']]),
    topic('e2e-t3', 'ended', HH.xfl2, [
      [ago(15), 'collect'],
      [ago(10), 'ended'],
    ]),
  ]);
  f.insert('point_ledger', [
    ledger('e2e-l1', TAX[0]!, 25, ago(3)),
    ledger('e2e-l2', TAX[1]!, 5, ago(3)),
    ledger('e2e-l3', HOSPITAL[0]!, 120, ago(4)),
    ledger('e2e-l4', SCHOOL[0]!, -3, ago(4)),
    ledger('e2e-l5', SCHOOL[1]!, 50, ago(90)), // before the range
  ]);
  // 代办 acts (their audit entries): a wish posted in 第一网格, a ballot cast in 第二网格.
  const proxyAct = proxyAuditEntry({
    communityId: DEMO,
    actorId: 'user-grid-worker',
    actorName: '吴晓燕',
    residentId: 'user-resident',
  });
  f.insert('audit_log', [
    proxyAct('e2e-p1', 'proxy.postWish', 'grid-1', ago(2)),
    proxyAct('e2e-p2', 'proxy.castBallot', 'grid-2', ago(2)),
  ]);
}

beforeAll(async () => {
  f = await startFixture();
  seed();
  // The dashboard reads roll-ups: the records written straight into the database are counted by a rebuild.
  await rebuild(f, demoPersonas.admin, DEMO);
  await rebuild(f, otherPersonas.admin, OTHER);
  url = f.server.url;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await f?.stop();
});

/** How many pixels of the chart's canvas are painted (not fully transparent), and its size. */
async function paintedPixels(page: Page, chartId: string) {
  await page.locator(`[data-chart="${chartId}"][data-state="drawn"]`).waitFor();
  await page.waitForTimeout(300); // F2 draws on the next animation frame
  return page.evaluate((id) => {
    const canvas = document.querySelector(`#${id} canvas`) as HTMLCanvasElement | null;
    if (!canvas) return { painted: -1, width: 0, height: 0 };
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return { painted, width: canvas.width, height: canvas.height };
  }, chartId);
}

test('the admin reads the figures, drills down, checks the street and exports', async () => {
  const context = await newPhone(browser);
  const guard = guardConsole(context);
  const page = await context.newPage();
  const overviewCalls: Array<Record<string, unknown>> = [];
  page.on('request', (req) => {
    if (!req.url().endsWith('/api/functions/dashboard')) return;
    const body = JSON.parse(req.postData() ?? '{}') as { action?: string; data?: Record<string, unknown> };
    if (body.action === 'overview') overviewCalls.push(body.data ?? {});
  });

  // 王红梅 opens 数据看板 from 我的.
  await page.goto(`${url}/#/pages/mine/index`);
  await page.getByTestId('persona-open').click();
  await page.getByRole('option', { name: /王红梅/ }).click();
  await page.getByTestId('persona-current').getByText('当前身份：王红梅（社区书记）').waitFor();
  await page.getByText('数据看板', { exact: true }).click();
  await page.getByTestId('dash-screen').waitFor();
  await page.getByTestId('dash-figures').waitFor();
  expect(overviewCalls[0]).toMatchObject({ communityId: DEMO, street: false });

  // The last 30 days hold every record of the seed.
  await reloading(page, () => page.getByRole('radio', { name: '近30天' }).click());
  await page.getByTestId('dash-scope').getByText('幸福里社区', { exact: true }).waitFor();
  const last = overviewCalls[overviewCalls.length - 1]!;
  const today = new Date(NOW + 8 * H).toISOString().slice(0, 10);
  expect(last.to).toBe(today);
  expect(last.from).toBe(new Date(NOW + 8 * H - 29 * D).toISOString().slice(0, 10));

  // Registrations in the range by status; the backlog counts the older pending one too.
  await page.getByTestId('dash-table-registrations').waitFor();
  expect(await table(page, 'dash-table-registrations')).toEqual([
    ['待审核', '2'],
    ['已报到', '1'],
    ['已驳回', '1'],
    ['已注销', '0'],
  ]);
  await page.getByTestId('dash-pending').getByText('3 份').waitFor();
  const oldestPending = new Date(ago(60).getTime() + 8 * H).toISOString().slice(0, 10);
  await page.getByTestId('dash-oldest-pending').getByText(oldestPending).waitFor();

  // Check-in rate this quarter: 税务 2 of 4, 医院 1 of 3, 学校 0 of 3 (highest rate first).
  expect([TAX.length, HOSPITAL.length, SCHOOL.length]).toEqual([4, 3, 3]);
  expect(await table(page, 'dash-table-checkins')).toEqual([
    ['市税务局第三分局', '4', '2', '50%'],
    ['区人民医院', '3', '1', '33%'],
    ['和平小学', '3', '0', '0%'],
  ]);

  // Wishes by state; publish → first claim 4 h and 10 h (median 7), → confirmed 30 h.
  const wishStates = Object.fromEntries(await table(page, 'dash-table-wishes'));
  expect(wishStates).toEqual({
    待审核: '1',
    已发布: '2',
    已驳回: '0',
    已认领: '1',
    已完成: '0',
    已确认: '1',
    已撤回: '0',
    已过期: '0',
  });
  // Medians are read from log-scaled histograms (docs/adr/0042-roll-ups.md, "Medians"): within
  // 10 % of the exact 7 h and 30 h.
  await expectHoursNear(page, 'dash-median-claim', 7);
  await expectHoursNear(page, 'dash-median-confirm', 30);
  await page.getByTestId('dash-oldest-wish').getByText('想要一副老花镜').waitFor();
  await page.getByTestId('dash-oldest-wish').getByText('已等待 20 天', { exact: false }).waitFor();

  // Volunteer hours: 2 + 1.5 (助老) and 3 (环境整治); the no-show counts nothing.
  await page.getByTestId('dash-volunteer-total').getByText('6.5 小时').waitFor();
  const byMonth = new Map<string, number>();
  for (const [d, h] of [
    [ago(3), 3.5],
    [ago(25), 3],
  ] as const)
    byMonth.set(cstMonth(d), (byMonth.get(cstMonth(d)) ?? 0) + h);
  expect(await table(page, 'dash-table-volunteer-month')).toEqual(
    [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([m, h]) => [m, String(h)]),
  );
  expect(await table(page, 'dash-table-volunteer-category')).toEqual([
    ['助老', '3.5'],
    ['环境整治', '3'],
  ]);

  // Topics now: one each in 意见收集, 决议, 已终止; collect lasted 3 and 5 days, review 1.
  const steps = Object.fromEntries(await table(page, 'dash-table-topics'));
  expect(steps).toMatchObject({ 意见收集: '1', 联审: '0', 决议: '1', 已终止: '1', 已归档: '0' });
  expect(await table(page, 'dash-table-topic-days')).toEqual([
    ['意见收集', '4', '2'],
    ['联审', '1', '1'],
  ]);

  // Points earned in the quarter of the range's end: -3, 5, 25, 120 (the 50 is a quarter older).
  expect(await table(page, 'dash-table-points')).toEqual([
    ['负分', '1'],
    ['0–9分', '1'],
    ['10–19分', '0'],
    ['20–49分', '1'],
    ['50–99分', '0'],
    ['100分及以上', '1'],
  ]);

  // Every chart is really drawn: its canvas is sized for the screen and has painted pixels.
  const charts = await page
    .getByTestId('dash-chart')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-chart')));
  expect(charts).toEqual([
    'dash-chart-registrations',
    'dash-chart-checkins',
    'dash-chart-wishes',
    'dash-chart-volunteer-month',
    'dash-chart-volunteer-category',
    'dash-chart-topics',
    'dash-chart-topic-days',
    'dash-chart-points',
  ]);
  for (const id of charts) {
    const px = await paintedPixels(page, id!);
    expect({ id, drawn: px.painted > 500, wide: px.width >= 600 }).toEqual({ id, drawn: true, wide: true });
  }
  expect(await page.getByTestId('dash-community-wide').count()).toBe(0);
  await shot(page, 'e2e-dashboard-1-community.png');

  // An end date before the start date: an error, and no call.
  const callsBefore = overviewCalls.length;
  await page.evaluate(() => {
    const picker = document.querySelector('[data-testid="dash-to"]')!.closest('taro-picker-core')!;
    picker.dispatchEvent(new CustomEvent('change', { detail: { value: '2000-01-01' } }));
  });
  await page.getByTestId('dash-range-error').getByText('开始日期不能晚于结束日期').waitFor();
  await page.getByTestId('dash-to').getByText('2000-01-01').waitFor();
  await page.waitForTimeout(500);
  expect(overviewCalls.length).toBe(callsBefore);
  expect(await page.getByTestId('dash-figures').count()).toBe(0);
  await shot(page, 'e2e-dashboard-2-bad-range.png');
  await reloading(page, () => page.getByRole('radio', { name: '近30天' }).click());

  // Drill down: 幸福里小区 › 1号楼.
  await reloading(page, () => page.getByTestId('dash-drill-option').filter({ hasText: '幸福里小区' }).click());
  await page.getByTestId('dash-scope').getByText('幸福里社区 · 幸福里小区', { exact: true }).waitFor();
  await reloading(page, () => page.getByTestId('dash-drill-option').filter({ hasText: '1号楼' }).click());
  await page.getByTestId('dash-scope').getByText('幸福里社区 · 幸福里小区 · 1号楼', { exact: true }).waitFor();
  expect(overviewCalls[overviewCalls.length - 1]).toMatchObject({ estateId: 'estate-xfl', buildingId: 'bld-xfl-1' });
  expect(await page.getByTestId('dash-crumb').allTextContents()).toEqual(['幸福里社区', '幸福里小区', '1号楼']);
  // 1号楼: r1 pending and r2 approved in the range, r1 and r5 waiting; w1, w2, w5; topic t1.
  expect(await table(page, 'dash-table-registrations')).toEqual([
    ['待审核', '1'],
    ['已报到', '1'],
    ['已驳回', '0'],
    ['已注销', '0'],
  ]);
  await page.getByTestId('dash-pending').getByText('2 份').waitFor();
  expect(Object.fromEntries(await table(page, 'dash-table-wishes'))).toMatchObject({
    待审核: '1',
    已发布: '0',
    已认领: '1',
    已确认: '1',
  });
  await page.getByText('心愿墙上没有等待认领的心愿').waitFor();
  expect(Object.fromEntries(await table(page, 'dash-table-topics'))).toMatchObject({
    意见收集: '0',
    决议: '1',
    已终止: '0',
  });
  // Not narrowed: check-ins, volunteer hours and points stay community-wide, and say so.
  for (const figure of ['checkins', 'volunteer', 'points']) {
    await page.getByTestId(`dash-section-${figure}`).getByTestId('dash-community-wide').waitFor();
  }
  for (const figure of ['registrations', 'wishes', 'topics']) {
    expect(await page.getByTestId(`dash-section-${figure}`).getByTestId('dash-community-wide').count()).toBe(0);
  }
  await page.getByTestId('dash-volunteer-total').getByText('6.5 小时').waitFor();
  expect((await paintedPixels(page, 'dash-chart-registrations')).painted).toBeGreaterThan(500);
  await shot(page, 'e2e-dashboard-3-building.png');

  // Back up to the estate with the breadcrumb: its oldest unclaimed wish is w3 (2号楼).
  await reloading(page, () => page.getByTestId('dash-crumb').filter({ hasText: '幸福里小区' }).click());
  await page.getByTestId('dash-scope').getByText('幸福里社区 · 幸福里小区', { exact: true }).waitFor();
  await page.getByTestId('dash-oldest-wish').getByText('想要一些旧书给孙子看').waitFor();
  await reloading(page, () => page.getByTestId('dash-crumb').filter({ hasText: '幸福里社区' }).click());
  await page.getByTestId('dash-scope').getByText('幸福里社区', { exact: true }).waitFor();
  await page.getByTestId('dash-oldest-wish').getByText('想要一副老花镜').waitFor();
  await page.getByTestId('dash-proxy-total').getByText('2 件').waitFor();

  // By grid: 第一网格 is 幸福里 1–2号楼 (w1, w2, w3, w5; one 代办); every demo building has a grid.
  expect(await page.getByTestId('dash-grid-option').allTextContents()).toEqual(['第一网格', '第二网格', '第三网格']);
  await reloading(page, () => page.getByTestId('dash-grid-option').filter({ hasText: '第一网格' }).click());
  await page.getByTestId('dash-scope').getByText('幸福里社区 · 第一网格', { exact: true }).waitFor();
  expect(overviewCalls[overviewCalls.length - 1]).toMatchObject({ gridId: 'grid-1' });
  expect(await page.getByTestId('dash-crumb').allTextContents()).toEqual(['幸福里社区', '第一网格']);
  expect(Object.fromEntries(await table(page, 'dash-table-wishes'))).toMatchObject({
    待审核: '1',
    已发布: '1',
    已认领: '1',
    已确认: '1',
  });
  await page.getByTestId('dash-proxy-total').getByText('1 件').waitFor();
  expect(Object.fromEntries(await table(page, 'dash-table-proxy'))).toMatchObject({ 发布心愿: '1', 代表本户投票: '0' });
  expect(await page.getByTestId('dash-drill-option').count()).toBe(0);
  await shot(page, 'e2e-dashboard-3b-grid.png');
  await reloading(page, () => page.getByTestId('dash-crumb').filter({ hasText: '幸福里社区' }).click());
  await page.getByTestId('dash-scope').getByText('幸福里社区', { exact: true }).waitFor();

  // 街道汇总: 幸福里 + 东湖 (one more pending registration); read-only.
  await reloading(page, () => page.getByTestId('dash-view-street').click());
  await page.getByTestId('dash-scope').getByText('和平街道').waitFor();
  await page.getByTestId('dash-street-note').waitFor();
  expect(overviewCalls[overviewCalls.length - 1]).toMatchObject({ street: true });
  expect(overviewCalls[overviewCalls.length - 1]).not.toHaveProperty('estateId');
  expect(await table(page, 'dash-table-registrations')).toEqual([
    ['待审核', '3'],
    ['已报到', '1'],
    ['已驳回', '1'],
    ['已注销', '0'],
  ]);
  await page.getByTestId('dash-pending').getByText('4 份').waitFor();
  expect(await page.getByTestId('dash-exports').count()).toBe(0);
  expect(await page.getByTestId('dash-crumbs').count()).toBe(0);
  await shot(page, 'e2e-dashboard-4-street.png');

  // Export the range's wishes from the community view: one file that reads back as written.
  await reloading(page, () => page.getByTestId('dash-view-community').click());
  await page.getByTestId('dash-exports').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dash-export-wishes').click()]);
  expect(download.suggestedFilename()).toMatch(/^幸福里社区-微心愿.+\.xlsx$/);
  expect(download.suggestedFilename()).not.toMatch(/部分|第\d+页/);
  const file = artifact('e2e-dashboard-wishes.xlsx');
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  const values = (r: number) =>
    (sheet.getRow(r).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
  expect(values(1)).toEqual(['标题', '类别', '状态', '发布人', '认领人', '发布时间', '认领时间', '确认时间']);
  expect(sheet.rowCount).toBe(6);
  // Oldest first by the time each was posted: w4, w1, w2, w3, w5.
  expect([2, 3, 4, 5, 6].map((r) => values(r).slice(0, 3))).toEqual([
    ['想要一副老花镜', '生活帮扶', '已发布'],
    ['想请人帮忙换灯泡', '生活帮扶', '已确认'],
    ['希望有人陪我去医院复查', '生活帮扶', '已认领'],
    ['想要一些旧书给孙子看', '生活帮扶', '已发布'],
    ['想学用智能手机挂号', '生活帮扶', '待审核'],
  ]);
  await page.getByText('已导出 5 行').waitFor();
  await shot(page, 'e2e-dashboard-5-exported.png');

  // The oldest unclaimed wish opens its detail page.
  await page.getByTestId('dash-oldest-wish').click();
  await page.getByText('想要一副老花镜').last().waitFor();
  await page.waitForURL(/packages\/wish\/pages\/detail\/index\?id=e2e-w4/);
  guard.quiet();
  await context.close();
});

/** The figure shown in `testId` ("6.85 小时") is within 10 % of `exact` hours. */
async function expectHoursNear(page: Page, testId: string, exact: number): Promise<void> {
  const cell = page.getByTestId(testId).getByText('小时', { exact: false });
  await cell.waitFor();
  const shown = Number(/([\d.]+)\s*小时/.exec((await cell.textContent()) ?? '')?.[1]);
  expect(Math.abs(shown - exact) / exact).toBeLessThanOrEqual(0.1);
}
