/**
 * Each persona's day on the lived-in demo (`npm start`'s seeded year, ADR 0027), in Chromium
 * through the UI, under the quiet-console guard (any console error, page error, failed request
 * or HTTP error reply fails the test):
 *
 * - a first open shows every persona who has a story, and each can be picked;
 * - every persona's home shows their to-dos as the seeded data has them (the expected items
 *   are read from the server with a larger page, not written here), and each to-do opens the
 *   screen that acts on it;
 * - the day's main acts, each with the message it sends arriving in 消息中心: a resident posts
 *   a wish and sees it waiting; her building's leader publishes it from his home, and she is
 *   told; a member signs up for an upcoming activity from his home; the admin decides a
 *   pending 报到 from hers, and the applicant is told;
 * - the six steps on a seeded topic with the demo's clock moved forward (POST /api/local/clock):
 *   the leader closes the collection of the topic opened three days ago, the proposal is
 *   reviewed, the vote opens (the residents are told) and closes a day later, 公示 runs its
 *   seven days, 执行 with progress (the opinion authors are told), 评估, and 归档.
 *
 * The clock test runs last: it moves the server's clock forward for good.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPersonas as P } from '../../emulator/seed/demo-community';
import { personaStories } from '../../src/features/persona/persona-stories';
import { AdminDb } from '../support/server-client';
import { act, appAndBrowser, confirmModal, fill, shot, switchPersona, visible } from './support';

jest.setTimeout(420_000);

const e2e = appAndBrowser({ history: true });
const COMMUNITY = 'comm-xingfuli';
const ROWS = 3;
const db = () => new AdminDb(e2e.app.url, e2e.app.adminToken());

interface Persona {
  openid: string;
  name: string;
  title: string;
}

async function personas(): Promise<Persona[]> {
  const res = await fetch(`${e2e.app.url}/api/local/personas`);
  const body = (await res.json()) as { data: Persona[] };
  return body.data.filter((p) => personaStories[p.openid]);
}
const personaOf = async (openid: string): Promise<Persona> => (await personas()).find((p) => p.openid === openid)!;
const current = (p: Persona) => `${p.name}（${p.title}）`;

/** A fresh phone: the chooser, then `openid` picked from it; the home loaded. */
async function pick(openid: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.phone();
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/`);
  await page.getByTestId(`persona-card-${openid}`).click();
  await page.getByTestId('greeting').waitFor();
  return { context, page };
}

/**
 * Back to the home as a person goes there: back from a page above the tabs, then the 首页 tab
 * (the home is not loaded anew: it must refresh its cards itself).
 */
async function home(page: Page): Promise<void> {
  const tab = page.locator('.weui-tabbar__item').filter({ hasText: '首页' });
  await page.waitForTimeout(600); // the last page's slide-in
  for (let i = 0; i < 5 && !(await tab.isVisible()); i++) {
    await page.goBack();
    await page.waitForTimeout(400);
  }
  await tab.click();
  await visible(page, 'greeting').waitFor();
  await page.waitForTimeout(400);
  for (const card of await page.locator('[data-testid^="home-card-"]').filter({ visible: true }).all()) {
    await card.getByText('加载中…').waitFor({ state: 'detached' });
  }
}

/** The badge a to-do card shows for `n` waiting items (none for zero). */
const badge = (n: number) => `${Math.min(n, ROWS)}${n > ROWS ? '+' : ''} 项待办`;

async function expectTodo(page: Page, key: string, expected: string[]): Promise<void> {
  const card = visible(page, `home-card-${key}`);
  await card.waitFor();
  await card.getByText('加载中…').waitFor({ state: 'detached' });
  expect(await card.textContent()).not.toContain('出错了');
  if (expected.length === 0) {
    expect(await card.getByTestId('home-card-count').count()).toBe(0);
    return;
  }
  await card.getByTestId('home-card-count').getByText(badge(expected.length), { exact: true }).waitFor();
  const text = (await card.textContent()) ?? '';
  for (const item of expected.slice(0, ROWS)) expect(text).toContain(item);
}

/** The server's clock (the demo's, moved or not). */
async function serverNow(): Promise<Date> {
  const res = await fetch(`${e2e.app.url}/api/local/clock`);
  return new Date(((await res.json()) as { data: { now: string } }).data.now);
}

/**
 * Moves the demo's clock forward (the persona switcher's clock does the same call), and the
 * phone's with it: the forms' default times are read from the phone's clock.
 */
async function moveClock(context: BrowserContext, minutes: number): Promise<Date> {
  const res = await fetch(`${e2e.app.url}/api/local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMinutes: minutes }),
  });
  expect(res.status).toBe(200);
  const now = new Date(((await res.json()) as { data: { now: string } }).data.now);
  await context.clock.setSystemTime(now);
  return now;
}

/** The person's unread messages in 消息中心, opened from 我的. */
async function messagesOf(page: Page, who: Persona): Promise<void> {
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);
  await switchPersona(page, new RegExp(`^${who.name}`), current(who));
  await visible(page, 'mine-messages').click();
  await page.getByTestId('messages-filter-unread').waitFor();
}

const userIdOf = async (openid: string): Promise<string> => {
  const [user] = await db().find('users', { openid });
  return String(user!._id);
};

test('a first open on the lived-in demo shows every persona with a story, and none is 尚未登录', async () => {
  const context = await e2e.phone();
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/`);
  const chooser = page.getByTestId('persona-chooser');
  const all = await personas();
  expect(all.map((p) => p.openid).sort()).toEqual(Object.keys(personaStories).sort());
  for (const p of all) {
    const card = chooser.getByTestId(`persona-card-${p.openid}`);
    await card.getByText(p.name, { exact: true }).waitFor();
    await card.getByText(`试一试：${personaStories[p.openid]!.story}`).waitFor();
  }
  expect(await page.textContent('body')).not.toContain('尚未登录');
  await shot(page, 'e2e-day-first-open.png');
  await context.close();
});

/** What each to-do card of `openid`'s home should list, read from the server with a larger page. */
async function expectedTodos(openid: string): Promise<Record<string, string[]>> {
  const me = await act(e2e.app, openid, 'account', 'me', {});
  const roles: Array<{ kind: string; communityId: string; estateId?: string | null; buildingId?: string | null }> =
    me.roles;
  const has = (kind: string) => roles.find((r) => r.kind === kind);
  const out: Record<string, string[]> = {};
  const call = (area: string, action: string, data: object) => act(e2e.app, openid, area, action, data);
  const admin = has('admin');
  const leader = has('building_leader') ?? has('estate_leader');
  const reviewer = admin ?? leader;
  const inScope = (t: { estateId: string; buildingId: string | null }, r: (typeof roles)[number]) =>
    !r.estateId || (t.estateId === r.estateId && (!r.buildingId || !t.buildingId || t.buildingId === r.buildingId));
  if (reviewer) {
    const b = await call('account', 'listBindingRequests', { communityId: COMMUNITY, status: 'pending', limit: 50 });
    out.bindings = b.items.map((x: { userName: string }) => `${x.userName} 申请绑定`);
    const w = await call('wish', 'reviewQueue', { communityId: COMMUNITY, limit: 50 });
    out['wish-review'] = w.items.map((x: { title: string }) => x.title);
  }
  if (admin) {
    const m = await call('checkin', 'listRegistrations', { communityId: COMMUNITY, status: 'pending', limit: 50 });
    const u = await call('checkin', 'listUnitRegistrations', { communityId: COMMUNITY, status: 'pending', limit: 50 });
    out.registrations = [
      ...m.items.map((x: { userName: string }) => `${x.userName}（`),
      ...u.items.map((x: { name: string }) => `${x.name} 单位报到`),
    ];
  }
  // Topics straight from the database: every topic in progress in the leader's place.
  const topics = (await db().find('topics', { communityId: COMMUNITY })) as unknown as Array<{
    title: string;
    step: string;
    estateId: string;
    buildingId: string | null;
    updatedAt?: string;
  }>;
  if (leader) {
    out.topics = topics
      .filter((t) => !['archived', 'ended'].includes(t.step) && inScope(t, leader))
      .map((t) => t.title);
  }
  if (has('council_member')) out['topic-review'] = topics.filter((t) => t.step === 'review').map((t) => t.title);
  const resident = has('resident');
  if (resident) out.votes = topics.filter((t) => t.step === 'vote' && inScope(t, resident)).map((t) => t.title);
  return out;
}

test.each(Object.keys(personaStories))(
  '%s picked on the lived-in demo sees the to-dos the seeded year left, and each opens its screen',
  async (openid) => {
    const { context, page } = await pick(openid);
    const expected = await expectedTodos(openid);
    for (const [key, items] of Object.entries(expected)) {
      // Topics in progress are ordered by activity: check the count, and that each row is one of them.
      if (key === 'topics') {
        const card = visible(page, 'home-card-topics');
        await card.getByText('加载中…').waitFor({ state: 'detached' });
        await card.getByTestId('home-card-count').getByText(badge(items.length), { exact: true }).waitFor();
        const rows = await card.locator('.home-card__text').allTextContents();
        expect(rows.length).toBe(Math.min(items.length, ROWS));
        for (const row of rows) expect(items).toContain(row);
      } else {
        await expectTodo(page, key, items);
      }
    }
    await shot(page, `e2e-day-home-${openid}.png`);

    // Each to-do opens the screen that acts on it (and its first row, when rows open a page).
    const todos = Object.entries(expected).filter(([, items]) => items.length > 0);
    for (const [key, items] of todos) {
      await home(page);
      const card = visible(page, `home-card-${key}`);
      await card.getByText('加载中…').waitFor({ state: 'detached' });
      const firstRow = card.locator('.home-card__row[role="link"]').first();
      if ((await firstRow.count()) > 0) {
        const title = (await firstRow.locator('.home-card__text').textContent())!;
        await firstRow.click();
        await visible(page, 'topic-detail').getByText(title, { exact: true }).waitFor();
        await home(page);
      }
      await visible(page, `home-card-${key}`).locator('.home-card__link').click();
      if (key === 'bindings') await page.waitForURL(/binding-review/);
      if (key === 'registrations') await page.waitForURL(/registration-review/);
      if (key === 'wish-review') await page.waitForURL(/wish\/pages\/review/);
      if (key === 'topics' || key === 'votes' || key === 'topic-review') {
        await page.waitForURL(/pages\/deliberation\/index/);
      }
      // The first waiting item is on the screen the link opened (once it has slid in).
      await page.waitForTimeout(600);
      const first = items[0]!.replace(/（$/, '').replace(/ (申请绑定|单位报到)$/, '');
      await page.getByText(first, { exact: false }).filter({ visible: true }).first().waitFor();
    }
    await context.close();
  },
);

test('a resident posts a wish and sees it waiting; her leader publishes it from his home; she is told', async () => {
  const TITLE = '想请人帮忙修一下阳台晾衣架';
  const resident = await personaOf(P.resident);
  const leader = await personaOf(P.leader);
  const { context, page } = await pick(P.resident);

  // 张秀英 posts from the 心愿 tab and sees it 待审核 on her home.
  await page.goto(`${e2e.app.url}/#/pages/wish/index`);
  await visible(page, 'wish-post').click();
  await page.getByText('说说您的小心愿').waitFor();
  await page.getByRole('radio', { name: '助老' }).click();
  await fill(page, 'wish-title', TITLE);
  await fill(page, 'wish-content', '阳台的升降晾衣架摇不动了，我自己够不着，想请会修的邻居帮忙看看。');
  await page.getByTestId('wish-submit').click();
  await page.getByTestId('wish-detail').getByTestId('wish-state').getByText('待审核').waitFor();
  await home(page);
  await visible(page, 'home-card-my-wishes')
    .locator('.home-card__row')
    .filter({ hasText: TITLE })
    .getByText('待审核', { exact: false })
    .waitFor();

  // 陈志强 is told it waits, finds it among his to-dos and publishes it from the queue.
  await switchPersona(page, /^陈志强/, current(leader));
  const toReview = visible(page, 'home-card-wish-review');
  await toReview.getByText(TITLE).waitFor();
  await visible(page, 'home-card-messages').getByText(TITLE, { exact: false }).first().waitFor();
  await toReview.locator('.home-card__link').click();
  const queued = page.getByTestId('wish-card').filter({ hasText: TITLE });
  await queued.getByText('发布', { exact: true }).click();
  await confirmModal(page, TITLE, '发布');
  await queued.getByTestId('wish-state').getByText('已发布').waitFor();

  // 张秀英's 消息中心: her wish is published.
  await messagesOf(page, resident);
  const told = page.getByTestId('message').filter({ hasText: '您的心愿已发布' }).filter({ hasText: TITLE });
  await told.getByTestId('message-unread').waitFor();
  await shot(page, 'e2e-day-resident-told.png');
  await told.click();
  await page.getByTestId('wish-detail').getByTestId('wish-state').getByText('已发布').waitFor();
  await context.close();
});

test('a member signs up from his home for an upcoming activity with places left', async () => {
  const { context, page } = await pick(P.member);
  const upcoming = await act(e2e.app, P.member, 'volunteer', 'list', {
    communityId: COMMUNITY,
    when: 'upcoming',
    limit: ROWS,
  });
  const open = (
    upcoming.items as Array<{ id: string; title: string; mySignup: unknown; confirmedCount: number; quota: number }>
  ).find((a) => !a.mySignup && a.confirmedCount < a.quota);
  if (!open) throw new Error('the seeded demo has no upcoming activity with places left among the first three');
  const card = visible(page, 'home-card-activities');
  await card.getByText(open.title, { exact: true }).click();
  const detail = page.getByTestId('vol-detail');
  await detail.getByText(open.title, { exact: true }).waitFor();
  await page.getByTestId('vol-signup').click();
  await confirmModal(page, open.title, '报名');
  await page.getByTestId('vol-my-state').getByText('已报名', { exact: true }).waitFor();
  await home(page);
  await visible(page, 'home-card-activities')
    .locator('.home-card__row')
    .filter({ hasText: open.title })
    .getByText('已报名', { exact: false })
    .waitFor();
  await shot(page, 'e2e-day-member-signed-up.png');
  await context.close();
});

/**
 * The applicant's message for a member's 报到 decided (docs/notifications.md, key
 * `registration:<id>:decided`); without that key in decide-registration.ts the message check is
 * left out, and the test says so in its name.
 */
const registrationToldYet = /registration:\$\{[^}]+\}:decided/.test(
  readFileSync(join(__dirname, '..', '..', 'cloudfunctions', 'checkin', 'src', 'decide-registration.ts'), 'utf8'),
);

test(`the admin approves a pending 报到 from her home${registrationToldYet ? ' and the applicant is told' : ' (the applicant’s message waits for notify-safe)'}`, async () => {
  const pending = await act(e2e.app, P.admin, 'checkin', 'listRegistrations', {
    communityId: COMMUNITY,
    status: 'pending',
    limit: 50,
  });
  const reg = pending.items[0] as { id: string; userName: string; userId: string };
  expect(reg).toBeDefined();
  const [applicantUser] = await db().find('users', { _id: reg.userId });
  const applicant = { openid: String(applicantUser!.openid), name: reg.userName, title: '' };
  const { context, page } = await pick(P.admin);
  await visible(page, 'home-card-registrations').getByText(`${reg.userName}（`, { exact: false }).waitFor();
  await visible(page, 'home-card-registrations').locator('.home-card__link').click();
  const card = page.getByTestId('registration-review-card').filter({ hasText: reg.userName });
  await card.getByText('通过', { exact: true }).click();
  await confirmModal(page, reg.userName, '通过');
  await card.getByText('已报到').waitFor();
  // Her home no longer lists it.
  await home(page);
  await visible(page, 'home-card-registrations')
    .getByText(`${reg.userName}（`, { exact: false })
    .waitFor({ state: 'detached' });

  if (registrationToldYet) {
    // An approval with points has no request left for the message (ADR 0017): it is owed on the
    // registration and delivered at the applicant's next look at her 报到 (ADR 0031).
    const persona = await fetch(`${e2e.app.url}/api/local/personas`).then(async (r) =>
      ((await r.json()) as { data: Persona[] }).data.find((p) => p.openid === applicant.openid)!,
    );
    // Her own phone, opened afresh on 我的 (a hash change alone does not load another tab page).
    const hers = await e2e.phone();
    const phone = await hers.newPage();
    const open = async (path: string) => {
      await phone.goto(`${e2e.app.url}/#${path}`);
      await phone.reload();
    };
    await open('/pages/mine/index');
    await visible(phone, 'persona-open').click();
    await phone.locator('.persona__search-input input').fill(persona.name);
    await phone.getByRole('option').filter({ hasText: persona.name }).first().click();
    await visible(phone, 'persona-current').getByText(persona.name, { exact: false }).waitFor();
    const looked = phone.waitForResponse(
      (r) => r.url().includes('/api/functions/checkin') && (r.request().postData() ?? '').includes('myRegistrations'),
    );
    await open('/packages/checkin/pages/index/index');
    await looked;
    const applicantMessages = await db().find('messages', { userId: reg.userId });
    expect(applicantMessages.some((m) => /报到/.test(String(m.title)))).toBe(true);
    await open('/pages/mine/index');
    await visible(phone, 'mine-messages').click();
    await phone.getByTestId('message').filter({ hasText: '报到' }).first().waitFor();
    await hers.close();
  }
  await context.close();
});

test('the six steps on a seeded topic, with the clock moved: collection closed, vote, 公示, 执行, 评估, 归档', async () => {
  const leader = await personaOf(P.leader);
  const [topic] = (await db().find('topics', { step: 'collect', buildingId: 'bld-xfl-1' })) as unknown as Array<{
    _id: string;
    title: string;
    collectEndsAt: string;
  }>;
  expect(topic).toBeDefined();
  const topicId = topic!._id;
  const topicPath = `/packages/deliberation/pages/topic/index?id=${encodeURIComponent(topicId)}`;
  const context = await e2e.phone();
  await context.clock.install({ time: await serverNow() });
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/`);
  await page.getByTestId(`persona-card-${P.leader}`).click();

  // 1 → 2. The collection runs four more days: the clock moves past its end; the leader closes
  // it from his home's topics and drafts the proposal.
  expect(new Date(topic!.collectEndsAt).getTime()).toBeGreaterThan((await serverNow()).getTime());
  await moveClock(context, 5 * 24 * 60);
  await visible(page, 'home-card-topics').getByText(topic!.title, { exact: true }).click();
  const detail = page.getByTestId('topic-detail');
  await detail.getByText(topic!.title, { exact: true }).waitFor();
  await page.getByTestId('topic-step').getByText('意见收集').waitFor();
  await page.getByTestId('advance-review').click();
  await confirmModal(page, '进入联审', '进入联审');
  await page.getByTestId('panel-review').waitFor();
  await page.getByTestId('proposal-draft').click();
  await fill(page, 'proposal-text', '楼顶东侧划为晾晒区，安装不锈钢晾衣架12组，西侧留作晒被区；杂物一周内清理。');
  await page.getByRole('dialog').getByText('提交方案', { exact: true }).click();
  await page.getByTestId('proposal').getByText('第 1 版（当前）').waitFor();

  // 联审 by the branch and the three councils (their screens are walked in deliberation.test.ts).
  const holders = async (where: object) =>
    (await db().find('roles', { communityId: COMMUNITY, ...where })).map((r) => String(r.userId));
  const openidOfUser = async (userId: string) => String((await db().find('users', { _id: userId }))[0]!.openid);
  const branch = await openidOfUser((await holders({ kind: 'estate_leader', estateId: 'estate-xfl' }))[0]!);
  await act(e2e.app, branch, 'deliberation', 'recordReview', { topicId, body: 'party_branch', verdict: 'agree' });
  for (const body of ['owners', 'deliberation', 'supervisory'] as const) {
    const chair = await openidOfUser(
      (await holders({ kind: 'council_member', councilKind: body, position: 'chair' }))[0]!,
    );
    await act(e2e.app, chair, 'deliberation', 'recordReview', { topicId, body, verdict: 'agree' });
  }

  // 3. The vote opens for a day (the sheet's pickers are walked in deliberation.test.ts); every
  // resident of the building is told.
  const opensAt = await serverNow();
  await act(e2e.app, P.leader, 'deliberation', 'advance', {
    topicId,
    to: 'vote',
    rule: 'simple',
    closesAt: new Date(opensAt.getTime() + 24 * 3600_000).toISOString(),
    noticeDays: 7,
  });
  const eligible = (await db().get('topics', topicId))!.vote as { eligible: Array<{ h: string }> };
  const residentUserId = await userIdOf(P.resident);
  expect(
    await db().count('messages', { userId: residentUserId, _id: `topic:${topicId}:vote-open:${residentUserId}` }),
  ).toBe(1);
  const resident = await personaOf(P.resident);
  await messagesOf(page, resident);
  await page.getByTestId('message').filter({ hasText: topic!.title }).first().waitFor();
  // 张秀英 votes in the UI; the other households by the same call.
  await page.goto(`${e2e.app.url}/#${topicPath}`);
  await page.getByTestId('ballot-agree').click();
  await confirmModal(page, '每户一票，提交后不可更改', '确认投票');
  await page.getByTestId('ballot-voted').getByText('您家已投票').waitFor();
  const residentRoles = await db().find('roles', { kind: 'resident', buildingId: 'bld-xfl-1' });
  const voted = new Set([
    String((await db().find('roles', { kind: 'resident', userId: residentUserId }))[0]!.householdId),
  ]);
  for (const role of residentRoles) {
    const household = String(role.householdId);
    if (voted.has(household) || !eligible.eligible.some((e) => e.h === household)) continue;
    voted.add(household);
    await act(e2e.app, await openidOfUser(String(role.userId)), 'deliberation', 'castBallot', {
      topicId,
      choice: 'agree',
      householdId: household,
    });
  }

  // 4. A day later (and past the settle period) the leader closes the vote: 通过, 公示.
  await moveClock(context, 24 * 60 + 5);
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);
  await switchPersona(page, /^陈志强/, current(leader));
  await page.goto(`${e2e.app.url}/#${topicPath}`);
  await page.getByTestId('vote-close').click();
  await confirmModal(page, '按规则计票', '结束计票');
  await page.getByTestId('vote-verdict').getByText('通过', { exact: true }).waitFor();
  await page.getByTestId('topic-step').getByText('公示').waitFor();

  // 5. Seven days of 公示 later: 执行, with progress.
  await moveClock(context, 7 * 24 * 60 + 5);
  await page.reload();
  await page.getByTestId('advance-execute').click();
  await fill(page, 'execute-executor', '幸福里物业服务中心');
  await page.getByRole('dialog').locator('.sheet__button').filter({ hasText: '进入执行' }).click();
  await page.getByTestId('panel-execute').getByText('执行方：幸福里物业服务中心').waitFor();
  await page.getByTestId('progress-add').click();
  await fill(page, 'progress-percent', '100');
  await fill(page, 'progress-note', '晾衣架已装好，杂物已清理');
  await page.getByRole('dialog').locator('.sheet__button').filter({ hasText: '提交进度' }).click();
  await page.getByTestId('execute-percent').getByText('100%').waitFor();
  // The opinion authors are told of the progress.
  const [opinion] = await db().find('opinions', { topicId });
  const authorMessages = await db().find('messages', { userId: String(opinion!.authorId) });
  expect(authorMessages.map((m) => String(m._id))).toContainEqual(expect.stringMatching(`^topic:${topicId}:progress:`));

  // 6. 评估 for the sheet's default week; the week passes; 归档.
  await page.getByTestId('advance-evaluate').click();
  await page.getByRole('dialog').locator('.sheet__button').filter({ hasText: '进入评估' }).click();
  await page.getByTestId('panel-evaluate').waitFor();
  await moveClock(context, 7 * 24 * 60 + 60);
  await page.reload();
  await page.getByTestId('advance-archive').click();
  await confirmModal(page, '归档后议题结束', '归档');
  await page.getByTestId('topic-step').getByText('已归档').waitFor();
  const timeline = page.getByTestId('topic-timeline');
  for (const step of ['意见收集 → 联审', '联审 → 决议', '决议 → 公示', '公示 → 执行', '执行 → 评估', '评估 → 已归档']) {
    await timeline.getByText(step, { exact: true }).waitFor();
  }
  await shot(page, 'e2e-day-topic-archived.png');
  await context.close();
});
