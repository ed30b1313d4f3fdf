/**
 * End to end (小区议事), through the UI with personas switched as a person would: 陈志强 (1号楼
 * 党小组长) opens a 1号楼 topic; 张秀英 and a neighbour post opinions and the neighbour supports
 * hers; 陈志强 closes the collection and drafts a proposal answering both; the Party branch
 * (孙建华) and the three council chairs agree; voting opens under the simple rule; three
 * households vote in the UI (the rest needed for participation by the same function call the
 * UI makes); the window is made to have just closed and 陈志强 sees the settle wait (正在等待最后的
 * 选票入账, no live 计票), then past the settle period he closes the vote — 通过 — and 复核计票 says 复核一致; in
 * 公示 (one day, passed with the demo clock); then 执行 with a progress report, 评估 with
 * ratings, and 归档 — the timeline shows every step. Screenshots: test-results/e2e-deliberation-*.png.
 *
 * Three things are not done through the UI, on purpose:
 * - the voting window is opened by the same `advance` call the sheet makes, closing ~75 s
 *   ahead: the sheet's native date/time pickers only offer whole minutes and scrolling them
 *   in headless Chromium is not reliable (the sheet itself is opened and checked);
 * - the window's end is moved back by writing the topic through the local database protocol
 *   (POST /admin/<token>) instead of waiting out the window and the 30 s settle period;
 * - voting opens with a 1-day 公示 and the demo clock is moved a day on (POST /api/local/clock,
 *   what the persona switcher's +1 天 does: tests/e2e/deliberation-periods.test.ts walks that
 *   through the UI), so the walk does not wait in 公示.
 */
import type { Page } from 'playwright-core';
import { buildDemoData } from '../../emulator/seed/demo-community';
import { AdminDb } from '../support/server-client';
import { act, appAndBrowser, confirmModal, fill, shot } from './support';

jest.setTimeout(420_000);

const e2e = appAndBrowser();

const TITLE = '1号楼加装电梯';
const demo = buildDemoData(new Date(0));
interface Person {
  openid: string;
  name: string;
  title: string;
}
const person = (openid: string): Person => {
  const u = demo.users.find((x) => x.openid === openid)!;
  return { openid, name: u.name, title: String((u as { title?: string }).title ?? '') };
};
const holderOf = (where: (r: (typeof demo.roles)[number]) => boolean): Person => {
  const role = demo.roles.find(where)!;
  return person(demo.users.find((u) => u._id === role.userId)!.openid);
};

const LEADER = person('demo-leader');
const SECRETARY = person('demo-estate-leader');
const OWNERS_CHAIR = person('demo-council-chair');
const SUPERVISOR = person('demo-supervisor');
const DELIB_CHAIR = holderOf(
  (r) => r.kind === 'council_member' && r.councilKind === 'deliberation' && r.position === 'chair',
);
const RESIDENT = person('demo-resident');

/** One resident per household of 1号楼 (generated residents, not the demo people). */
const voters: Array<Person & { householdId: string }> = (() => {
  const seen = new Set<string>(['hh-xfl-1-102']); // 张秀英's household
  const out: Array<Person & { householdId: string }> = [];
  for (const r of demo.roles) {
    if (r.kind !== 'resident' || r.buildingId !== 'bld-xfl-1' || !r.householdId || seen.has(r.householdId)) continue;
    const u = demo.users.find((x) => x._id === r.userId)!;
    // Skip the demo people (they may hold other roles that need their own households).
    if (!/^user-r\d/.test(u._id)) continue;
    seen.add(r.householdId);
    out.push({ ...person(u.openid), householdId: r.householdId });
  }
  return out;
})();
const NEIGHBOUR = voters[0]!;
const NEIGHBOUR2 = voters[1]!;

const fn = (openid: string, action: string, data: Record<string, unknown>) =>
  act(e2e.app, openid, 'deliberation', action, data);

/** Switches persona through the switcher on the 议事 tab, then opens `then` (a hash path). */
async function as(page: Page, who: Person, then?: string) {
  await page.goto(`${e2e.app.url}/#/pages/deliberation/index`);
  await page.getByTestId('persona-open').click();
  await page.locator('.persona__search-input input').fill(who.name);
  await page.getByRole('option').filter({ hasText: who.title }).first().click();
  await page.getByTestId('persona-current').getByText(`当前身份：${who.name}（${who.title}）`).waitFor();
  if (then) {
    await page.goto(`${e2e.app.url}/#${then}`);
    await page.getByTestId('topic-detail').waitFor();
  }
}

const dialog = (page: Page) => page.getByRole('dialog');

/** The vote's settle period (VOTE_SETTLE_MS in cloudfunctions/deliberation/src/store.ts). */
const SETTLE_MS = 30_000;

/**
 * Time travel: the topic's voting window ended `ago` ms ago — `vote.closesAt` and its copy
 * `voteClosesAt` written through the local server's database protocol (POST /admin/<token>), as
 * tests/deliberation/helpers.ts does in-process.
 */
async function windowEndedAgo(topicId: string, ago: number) {
  const at = new Date(Date.now() - ago);
  const db = new AdminDb(e2e.app.url, e2e.app.adminToken());
  expect(await db.set('topics', topicId, { $set: { 'vote.closesAt': at, voteClosesAt: at } })).toBe(1);
}

test('a topic goes through all six steps and is archived', async () => {
  expect(voters.length).toBeGreaterThanOrEqual(3);
  const context = await e2e.phone();
  const page = await context.newPage();

  // 1. 陈志强 opens a 1号楼 topic from the 议事 tab.
  await as(page, LEADER);
  await page.getByTestId('topic-list').waitFor();
  await shot(page, 'e2e-deliberation-1-list.png');
  await page.getByTestId('topic-open').click();
  await page.getByTestId('topic-form').waitFor();
  await page.getByRole('radio', { name: '1号楼' }).click();
  await fill(page, 'topic-title', TITLE);
  await fill(page, 'topic-background', '1号楼老人多，上下楼不便，居民提议加装电梯，请大家发表意见。');
  await shot(page, 'e2e-deliberation-2-open.png');
  await page.getByTestId('topic-submit').click();
  await page.getByTestId('topic-detail').getByText(TITLE, { exact: true }).waitFor();
  await page.getByTestId('topic-step').getByText('意见收集').waitFor();
  const topicId = decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url())![1]!);
  const topicPath = `/packages/deliberation/pages/topic/index?id=${encodeURIComponent(topicId)}`;

  // 2. 张秀英 and a neighbour post opinions; the neighbour supports hers.
  await as(page, RESIDENT, topicPath);
  await page.getByTestId('opinion-post').click();
  await fill(page, 'opinion-text', '支持加装电梯，一楼住户的采光要考虑');
  await dialog(page).getByText('发表', { exact: true }).click();
  await page.getByTestId('opinion').filter({ hasText: '一楼住户的采光' }).waitFor();

  await as(page, NEIGHBOUR, topicPath);
  await page.getByTestId('opinion-post').click();
  await fill(page, 'opinion-text', '费用分摊要公平，按楼层系数计算');
  await dialog(page).getByText('发表', { exact: true }).click();
  const hers = page.getByTestId('opinion').filter({ hasText: '一楼住户的采光' });
  await hers.getByTestId('opinion-support').click();
  await hers.getByText('1 人支持').waitFor();
  await hers.getByText('已支持').waitFor();
  expect(await page.getByTestId('opinion').first().textContent()).toContain('一楼住户的采光');
  await shot(page, 'e2e-deliberation-3-opinions.png');

  // 3. 陈志强 closes the collection and drafts a proposal answering both opinions.
  await as(page, LEADER, topicPath);
  await page.getByTestId('advance-review').click();
  await confirmModal(page, '进入联审', '进入联审');
  await page.getByTestId('panel-review').waitFor();
  await page.getByTestId('proposal-draft').click();
  await fill(page, 'proposal-text', '加装电梯方案：由业委会牵头，费用按楼层系数分摊，一楼住户给予补偿。');
  await dialog(page)
    .getByRole('checkbox', { name: /一楼住户/ })
    .click();
  await dialog(page)
    .getByRole('checkbox', { name: /费用分摊/ })
    .click();
  await dialog(page).getByText('提交方案', { exact: true }).click();
  await page.getByTestId('proposal').getByText('第 1 版（当前）').waitFor();

  // 4. The Party branch and the three council chairs record their verdicts.
  for (const [who, body, verdict] of [
    [SECRETARY, 'party_branch', '修改后同意'],
    [OWNERS_CHAIR, 'owners', '同意'],
    [DELIB_CHAIR, 'deliberation', '同意'],
    [SUPERVISOR, 'supervisory', '同意'],
  ] as const) {
    await as(page, who, topicPath);
    await page.getByTestId('review-record').click();
    await dialog(page).getByRole('radio', { name: verdict, exact: true }).click();
    if (verdict !== '同意') {
      await fill(page, 'review-comment', '请补充一楼住户补偿标准');
    }
    await dialog(page).getByText('提交审议意见', { exact: true }).click();
    await page.getByTestId(`review-${body}`).getByText(verdict, { exact: true }).waitFor();
  }
  await page.getByTestId('proposal-state').getByText('联审通过').waitFor();
  await shot(page, 'e2e-deliberation-4-review.png');

  // 5. 陈志强 looks at the vote sheet (rules explained), then voting opens ~75 s ahead.
  await as(page, LEADER, topicPath);
  await page.getByTestId('advance-vote').click();
  await page.getByTestId('vote-rule-explanation').getByText('参与户数过半', { exact: false }).waitFor();
  await dialog(page).getByRole('radio', { name: '民法典重大事项' }).click();
  await page.getByTestId('vote-rule-explanation').getByText('四分之三', { exact: false }).waitFor();
  await shot(page, 'e2e-deliberation-5-vote-sheet.png');
  await dialog(page).getByText('取消', { exact: true }).click();
  const closesAt = new Date(Date.now() + 75_000).toISOString();
  // A 1-day 公示, passed below by moving the demo clock.
  await fn(LEADER.openid, 'advance', { topicId, to: 'vote', rule: 'simple', closesAt, noticeDays: 1 });

  // 6. Three households vote in the UI; the meter shows turnout, never the choices.
  for (const who of [RESIDENT, NEIGHBOUR, NEIGHBOUR2]) {
    await as(page, who, topicPath);
    await page.getByTestId('turnout').waitFor();
    await page.getByTestId('ballot-agree').click();
    await confirmModal(page, '每户一票，提交后不可更改', '确认投票');
    await page.getByTestId('ballot-voted').getByText('您家已投票').waitFor();
  }
  expect(await page.getByTestId('panel-vote').textContent()).not.toMatch(/同意 \d+ 户/);
  await shot(page, 'e2e-deliberation-6-voted.png');
  // The rest of the building agrees by the same call (participation needs half the households).
  for (const v of voters.slice(2)) {
    await fn(v.openid, 'castBallot', { topicId, choice: 'agree' });
  }

  // 7. The window closes — time travel instead of waiting: just closed, 陈志强 sees the settle
  // wait and no live 计票 button; once the settle period is over he closes the vote: 通过; 复核计票 agrees.
  await windowEndedAgo(topicId, 2000);
  await as(page, LEADER, topicPath);
  await page.getByTestId('vote-settling').getByText('正在等待最后的选票入账', { exact: false }).waitFor();
  await shot(page, 'e2e-deliberation-7a-settling.png');
  // (The h5 button reflects `disabled` as an attribute.)
  expect(await page.getByTestId('vote-close').evaluate((el) => el.hasAttribute('disabled'))).toBe(true);
  await windowEndedAgo(topicId, SETTLE_MS + 1000);
  await as(page, LEADER, topicPath);
  expect(await page.getByTestId('vote-settling').count()).toBe(0);
  expect(await page.getByTestId('vote-close').evaluate((el) => el.hasAttribute('disabled'))).toBe(false);
  await shot(page, 'e2e-deliberation-7b-before-close.png');
  await page.getByTestId('vote-close').click();
  await confirmModal(page, '按规则计票', '结束计票');
  await page.getByTestId('vote-verdict').getByText('通过', { exact: true }).waitFor();
  await page.getByTestId('topic-step').getByText('公示').waitFor();
  await page.getByTestId('vote-recheck').click();
  await page.getByTestId('vote-recheck-result').getByText('复核一致', { exact: false }).waitFor();
  await shot(page, 'e2e-deliberation-7-result.png');

  // 8. 公示 for one day, passed by moving the demo clock a day and a minute on (objections,
  // answers and suspension are covered by tests/deliberation/lifecycle.test.ts).
  await page.getByTestId('topic-step').getByText('公示').waitFor();
  await shot(page, 'e2e-deliberation-8-notice.png');
  const moved = await fetch(`${e2e.app.url}/api/local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMinutes: 24 * 60 + 1 }),
  });
  expect(moved.status).toBe(200);

  // 9. 执行: executor and due date, one progress report.
  await as(page, LEADER, topicPath);
  await page.getByTestId('advance-execute').click();
  await fill(page, 'execute-executor', '幸福里物业服务中心');
  await dialog(page).locator('.sheet__button').filter({ hasText: '进入执行' }).click();
  await page.getByTestId('panel-execute').getByText('执行方：幸福里物业服务中心').waitFor();
  await page.getByTestId('progress-add').click();
  await fill(page, 'progress-percent', '60');
  await fill(page, 'progress-note', '已完成井道施工，正在安装轿厢');
  await dialog(page).locator('.sheet__button').filter({ hasText: '提交进度' }).click();
  await page.getByTestId('execute-percent').getByText('60%').waitFor();
  await page.getByTestId('progress').getByText('已完成井道施工', { exact: false }).waitFor();
  await shot(page, 'e2e-deliberation-9-execute.png');

  // 10. 评估: 张秀英 rates five stars in the UI; the other households rate by the same call.
  await page.getByTestId('advance-evaluate').click();
  await dialog(page).locator('.sheet__button').filter({ hasText: '进入评估' }).click();
  await page.getByTestId('panel-evaluate').waitFor();
  await as(page, RESIDENT, topicPath);
  await page.getByTestId('rate-open').click();
  await dialog(page).getByRole('radio', { name: '5星', exact: true }).click();
  await fill(page, 'rate-comment', '电梯装好了，老人上下楼方便多了');
  await dialog(page).locator('.sheet__button').filter({ hasText: '提交评价' }).click();
  await page.getByTestId('rated').getByText('您家已评价').waitFor();
  await page.getByTestId('eval-count').getByText('1', { exact: true }).waitFor();
  // The other eligible households of 1号楼 (the generated residents and the demo people who
  // live there: 王红梅, 陈志强, 李建国) rate by the same call, so the leader may archive early.
  for (const openid of [...voters.map((v) => v.openid), 'demo-admin', 'demo-leader', 'demo-member']) {
    await fn(openid, 'rate', { topicId, score: 4 });
  }

  // 11. 陈志强 archives (every household has rated); the timeline shows every step.
  await as(page, LEADER, topicPath);
  await page.getByTestId('advance-archive').click();
  await confirmModal(page, '归档后议题结束', '归档');
  await page.getByTestId('topic-step').getByText('已归档').waitFor();
  await page.getByText('六步议事已完成，议题已归档').waitFor();
  const timeline = page.getByTestId('topic-timeline');
  for (const step of [
    '发起 → 意见收集',
    '意见收集 → 联审',
    '联审 → 决议',
    '决议 → 公示',
    '公示 → 执行',
    '执行 → 评估',
    '评估 → 已归档',
  ]) {
    await timeline.getByText(step, { exact: true }).waitFor();
  }
  expect(await page.getByTestId('topic-end').count()).toBe(0);
  await shot(page, 'e2e-deliberation-10-archived.png');

  // The list's 已归档 filter shows it.
  await page.goto(`${e2e.app.url}/#/pages/deliberation/index`);
  await page.getByTestId('topic-filter').getByText('已归档', { exact: true }).click();
  await page.getByTestId('topic-card').filter({ hasText: TITLE }).getByText('已归档').waitFor();
  await shot(page, 'e2e-deliberation-11-list-archived.png');
  await context.close();
});
