/**
 * End to end (小区议事 on the demo's clock): 陈志强 (1号楼党小组长) opens a topic choosing its
 * collection period by tapping (3 天), and the topic screen counts it down (剩余 2 天 23 小时); he
 * passes it with the persona switcher's clock (+1 天 ×3) and sees 已截止. After 联审 he opens the
 * vote for 1 天 with a 3-day 公示 (chips, no keyboard); 计票 waits for the period (disabled with
 * its hint) until the clock has passed it; 公示 refuses 进入执行 until its three days have
 * passed on the clock; 执行, then 评估 for 1 天, and after the clock passes it he archives with
 * no household having rated. Every step is the leader's own tap; the page records every console
 * error, page error, failed request and HTTP error reply, and there must be none.
 *
 * Set-up not through the UI, on purpose (covered by tests/e2e/deliberation.test.ts): the
 * opinions, the proposal and the four reviews, and the households' ballots — by the same calls
 * the app makes. The server runs without its timers (TIMERS=off): once the clock has passed a
 * vote or an evaluation, the 5-minute close-windows job could otherwise make the leader's move
 * first, and this walk is about the leader's own.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { buildDemoData } from '../../emulator/seed/demo-community';
import { act, appAndBrowser, confirmModal, fill, shot, visible } from './support';

jest.setTimeout(420_000);

// Read by the local server this file starts (emulator/main.ts); put back after the file.
const savedTimers = process.env.TIMERS;
process.env.TIMERS = 'off';
afterAll(() => {
  if (savedTimers === undefined) delete process.env.TIMERS;
  else process.env.TIMERS = savedTimers;
});

const e2e = appAndBrowser();

const TITLE = '1号楼楼道加装扶手';
const demo = buildDemoData(new Date(0));
const LEADER = { openid: 'demo-leader', name: '陈志强', title: '幸福里1号楼党小组长' };

/** One resident per household of 1号楼 (every household agrees, so the vote passes). */
const voters: Array<{ openid: string; householdId: string }> = (() => {
  const seen = new Set<string>();
  const out: Array<{ openid: string; householdId: string }> = [];
  for (const r of demo.roles) {
    if (r.kind !== 'resident' || r.buildingId !== 'bld-xfl-1' || !r.householdId || seen.has(r.householdId)) continue;
    seen.add(r.householdId);
    out.push({ openid: demo.users.find((u) => u._id === r.userId)!.openid, householdId: r.householdId });
  }
  return out;
})();
const councilOpenid = (where: (r: (typeof demo.roles)[number]) => boolean): string =>
  demo.users.find((u) => u._id === demo.roles.find(where)!.userId)!.openid;
const reviewers = {
  party_branch: 'demo-estate-leader',
  owners: 'demo-council-chair',
  deliberation: councilOpenid(
    (r) => r.kind === 'council_member' && r.councilKind === 'deliberation' && r.position === 'chair',
  ),
  supervisory: 'demo-supervisor',
} as const;

const fn = (openid: string, action: string, data: Record<string, unknown>) =>
  act(e2e.app, openid, 'deliberation', action, data);

const dialog = (page: Page) => page.getByRole('dialog');

/** A fresh phone and its page, under the file's quiet-console guard (`e2e.phone()`, checked after the test). */
async function quietPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.phone();
  return { context, page: await context.newPage() };
}

/** Waits until the page's requests are answered, so leaving it aborts none (they would count as failed). */
const settled = (page: Page) => page.waitForLoadState('networkidle');

/** The 议事 tab as 陈志强 (through the persona switcher, as a person would). */
async function leaderOnTab(page: Page) {
  await settled(page);
  await page.goto(`${e2e.app.url}/#/pages/deliberation/index`);
  const current = visible(page, 'persona-current');
  await current.waitFor();
  if (!((await current.textContent()) ?? '').includes(LEADER.name)) {
    await visible(page, 'persona-open').click();
    await page.locator('.persona__search-input input').fill(LEADER.name);
    await page.getByRole('option').filter({ hasText: LEADER.title }).first().click();
    await current.getByText(`当前身份：${LEADER.name}（${LEADER.title}）`).waitFor();
  }
  await visible(page, 'topic-list').waitFor();
}

/** Moves the demo clock forward with the switcher's button (`minutes`: 60, 1440 or 10080) `times` times. */
async function moveClock(page: Page, minutes: number, times = 1) {
  for (let i = 0; i < times; i++) {
    await visible(page, 'demo-clock-now').getByText('演示时间 20', { exact: false }).waitFor();
    const before = await visible(page, 'demo-clock-now').textContent();
    await settled(page);
    await visible(page, `demo-clock-${minutes}`).click();
    // The page reloads after the move and reads the new time.
    await page.waitForFunction((prev) => {
      const el = document.querySelector('[data-testid="demo-clock-now"]');
      return !!el && el.textContent !== prev && (el.textContent ?? '').includes('已拨快');
    }, before);
  }
}

test('a leader walks a topic from opening to 归档, passing each period with the demo clock', async () => {
  const { context, page } = await quietPhone();
  await leaderOnTab(page);
  await visible(page, 'demo-clock-now').getByText('演示时间 20', { exact: false }).waitFor();
  await shot(page, 'e2e-periods-1-clock.png');

  // 1. 意见收集 for 3 days, chosen by tapping; the screen counts it down.
  await visible(page, 'topic-open').click();
  await visible(page, 'topic-form').waitFor();
  await page.getByRole('radio', { name: '1号楼' }).click();
  await fill(page, 'topic-title', TITLE);
  await fill(page, 'topic-background', '1号楼楼道没有扶手，老人上下楼容易摔倒，提议加装不锈钢扶手。');
  expect(await page.getByRole('radio', { name: /^7 天/ }).getAttribute('aria-checked')).toBe('true');
  await page.getByRole('radio', { name: /^3 天/ }).click();
  await shot(page, 'e2e-periods-2-open.png');
  await visible(page, 'topic-submit').click();
  await visible(page, 'topic-detail').getByText(TITLE, { exact: true }).waitFor();
  const topicId = decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url())![1]!);
  const topicUrl = `${e2e.app.url}/#/packages/deliberation/pages/topic/index?id=${encodeURIComponent(topicId)}`;
  const countdown = visible(page, 'period-countdown');
  await countdown.getByText('意见收集期').waitFor();
  await visible(page, 'period-left').getByText('剩余 2 天 23 小时').waitFor();
  await shot(page, 'e2e-periods-3-collect-countdown.png');

  const openTopic = async () => {
    await settled(page);
    await page.goto(topicUrl);
    await visible(page, 'topic-detail').waitFor();
  };
  await fn(voters[0]!.openid, 'postOpinion', { topicId, text: '扶手两边都装，方便左右手', photos: [] });
  await leaderOnTab(page);
  await moveClock(page, 24 * 60, 3);
  await openTopic();
  await visible(page, 'period-left').getByText('已截止').waitFor();
  await visible(page, 'advance-review').click();
  await confirmModal(page, '进入联审', '进入联审');
  await visible(page, 'panel-review').waitFor();
  expect(await visible(page, 'period-countdown').count()).toBe(0);

  // 2. 联审 (set up by the same calls the app makes), then the vote for 1 day with a 3-day 公示.
  await fn(LEADER.openid, 'draftProposal', {
    topicId,
    text: '在1号楼各层楼道两侧加装不锈钢扶手，费用由公共收益列支。',
  });
  for (const [body, openid] of Object.entries(reviewers)) {
    await fn(openid, 'recordReview', { topicId, body, verdict: 'agree' });
  }
  await openTopic();
  await visible(page, 'advance-vote').click();
  const sheet = dialog(page);
  await sheet.getByRole('radio', { name: /^1 天/ }).first().click();
  await sheet.getByRole('radio', { name: /^3 天/ }).nth(1).click();
  await shot(page, 'e2e-periods-4-vote-sheet.png');
  await sheet.locator('.sheet__button').filter({ hasText: '开始投票' }).click();
  await visible(page, 'panel-vote').waitFor();
  await visible(page, 'period-left').getByText('剩余 23 小时', { exact: false }).waitFor();
  await visible(page, 'vote-notice-days').getByText('表决通过后公示 3 天', { exact: false }).waitFor();
  // 计票 waits for the period: shown, disabled, with why.
  await visible(page, 'vote-running').getByText('截止后才能计票', { exact: false }).waitFor();
  expect(await visible(page, 'vote-close').evaluate((el) => el.hasAttribute('disabled'))).toBe(true);
  for (const v of voters) await fn(v.openid, 'castBallot', { topicId, choice: 'agree', householdId: v.householdId });
  await shot(page, 'e2e-periods-5-voting.png');

  await leaderOnTab(page);
  await moveClock(page, 24 * 60);
  await openTopic();
  await visible(page, 'period-left').getByText('已截止').waitFor();
  // Just past the end the last ballots settle (up to 30 s, docs/adr/0009); then 计票 comes alive.
  await page.getByTestId('vote-settling').waitFor({ state: 'detached', timeout: 60_000 });
  expect(await visible(page, 'vote-close').evaluate((el) => el.hasAttribute('disabled'))).toBe(false);
  await visible(page, 'vote-close').click();
  await confirmModal(page, '按规则计票', '结束计票');
  await visible(page, 'vote-verdict').getByText('通过', { exact: true }).waitFor();

  // 3. 公示 for the 3 days chosen: 进入执行 waits until the clock has passed them.
  await visible(page, 'panel-notice').waitFor();
  await visible(page, 'period-countdown').getByText('公示期').waitFor();
  await visible(page, 'period-left').getByText('剩余 2 天 23 小时').waitFor();
  await visible(page, 'notice-running').getByText('期满后才能进入执行', { exact: false }).waitFor();
  expect(await visible(page, 'advance-execute').evaluate((el) => el.hasAttribute('disabled'))).toBe(true);
  await shot(page, 'e2e-periods-6-notice.png');
  await leaderOnTab(page);
  await moveClock(page, 24 * 60, 2);
  await openTopic();
  await visible(page, 'period-left').getByText('剩余 23 小时', { exact: false }).waitFor();
  expect(await visible(page, 'advance-execute').evaluate((el) => el.hasAttribute('disabled'))).toBe(true);
  await leaderOnTab(page);
  await moveClock(page, 24 * 60);
  await openTopic();
  await visible(page, 'period-left').getByText('已截止').waitFor();

  // 4. 执行.
  await visible(page, 'advance-execute').click();
  await fill(page, 'execute-executor', '幸福里物业服务中心');
  await dialog(page).locator('.sheet__button').filter({ hasText: '进入执行' }).click();
  await visible(page, 'panel-execute').getByText('执行方：幸福里物业服务中心').waitFor();
  expect(await visible(page, 'period-countdown').count()).toBe(0);

  // 5. 评估 for 1 day; archived once the clock has passed it (nobody rated).
  await visible(page, 'advance-evaluate').click();
  await dialog(page).getByRole('radio', { name: /^1 天/ }).click();
  await dialog(page).locator('.sheet__button').filter({ hasText: '进入评估' }).click();
  await visible(page, 'panel-evaluate').waitFor();
  await visible(page, 'period-countdown').getByText('评估期').waitFor();
  await leaderOnTab(page);
  await moveClock(page, 60);
  await moveClock(page, 24 * 60);
  await openTopic();
  await visible(page, 'period-left').getByText('已截止').waitFor();
  await visible(page, 'advance-archive').click();
  await confirmModal(page, '归档后议题结束', '归档');
  await visible(page, 'topic-step').getByText('已归档').waitFor();
  const timeline = visible(page, 'topic-timeline');
  for (const step of ['意见收集 → 联审', '联审 → 决议', '决议 → 公示', '公示 → 执行', '执行 → 评估', '评估 → 已归档']) {
    await timeline.getByText(step, { exact: true }).waitFor();
  }
  await shot(page, 'e2e-periods-7-archived.png');
  await context.close();
});
