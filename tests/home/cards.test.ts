/**
 * The home's cards (src/features/home/home-cards.ts), per demo persona, against the real
 * functions: which cards each role gets, that every card's calls are allowed for that role and
 * write nothing, what a card shows once there is something to do, and how many database
 * requests a whole home costs.
 */
import { homeCards, type Caller, type HomeCard } from '../../src/features/home/home-cards';
import { AppError } from '../../types/errors';
import { hxjyResident, wishInput } from '../wish/helpers';
import { openTopic } from '../deliberation/helpers';
import { expectedCards } from './expected-cards';
import { DEMO, demoPersonas as P, startFixture, type Fixture } from '../support/fixtures';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

/** The app's `call`, played by the in-process server as `openid`. */
function callerAs(openid: string): Caller {
  return (async (area: string, action: string, data: unknown) => {
    const reply = await f.call(openid, area, action, data);
    if (!reply.ok) throw AppError.fromBody(reply.error);
    return reply.data;
  }) as Caller;
}

async function cardsOf(openid: string): Promise<HomeCard[]> {
  const me = await f.call(openid, 'account', 'me', {});
  expect(me.ok).toBe(true);
  return homeCards(me.data);
}

async function load(openid: string, key: string) {
  const card = (await cardsOf(openid)).find((c) => c.key === key);
  if (!card) throw new Error(`${openid} has no ${key} card`);
  return card.load(callerAs(openid));
}

test.each([
  ['admin', P.admin],
  ['estate leader', P.estateLeader],
  ['building leader', P.leader],
  ['member', P.member],
  ['liaison', P.liaison],
  ['resident on a council', P.resident],
  ['council chair', P.councilChair],
  ['newcomer', P.newcomer],
  ['street viewer', P.street],
  ['street admin', P.streetAdmin],
  ['grid worker', P.gridWorker],
])(
  'the %s gets their own cards, to-dos first, and every card loads for them without writing anything',
  async (_who, openid) => {
    const cards = await cardsOf(openid);
    expect(cards.map((c) => c.key)).toEqual(expectedCards[openid]);
    const todos = cards.map((c) => c.todo);
    expect(todos.indexOf(false)).toBeGreaterThanOrEqual(0);
    expect(todos.slice(todos.indexOf(false))).not.toContain(true);
    const call = callerAs(openid);
    const loaded = await f.expectNothingWritten(() => Promise.all(cards.map((c) => c.load(call))));
    for (const data of loaded) expect(data.rows.length).toBeLessThanOrEqual(3);
  },
);

test('a visitor without a profile gets no cards (the greeting asks them to register)', async () => {
  const me = await f.call('openid-never-seen', 'account', 'me', {});
  expect(me.data.registered).toBe(false);
  expect(homeCards(me.data)).toEqual([]);
});

test('the admin sees the newcomer’s binding waiting, a leader of another building does not, and the newcomer sees it pending', async () => {
  const admin = await load(P.admin, 'bindings');
  expect(admin.rows.map((r) => r.text)).toEqual(['马晓东 申请绑定 和谐家园 · 3号楼 · 3-502']);
  expect(admin.rows[0]?.detail).toMatch(/^提交于 \d{2}-\d{2} \d{2}:\d{2}$/);
  expect((await load(P.leader, 'bindings')).rows).toEqual([]);
  const newcomer = await load(P.newcomer, 'my-binding');
  expect(newcomer.rows).toEqual([expect.objectContaining({ text: expect.stringContaining('待审核') })]);
});

test('a posted wish is a to-do on the building leader’s home and “待审核” on the resident’s', async () => {
  const posted = await f.call(P.resident, 'wish', 'post', wishInput({ title: '想要一副老花镜' }));
  expect(posted.ok).toBe(true);

  const review = await load(P.leader, 'wish-review');
  expect(review.rows).toEqual([expect.objectContaining({ id: posted.data.id, text: '想要一副老花镜' })]);
  const mine = await load(P.resident, 'my-wishes');
  expect(mine.rows[0]).toMatchObject({ text: '想要一副老花镜', detail: '待审核' });
  expect(mine.rows[0]?.url).toBe(`/packages/wish/pages/detail/index?id=${encodeURIComponent(posted.data.id)}`);
});

test('a wish posted in 第一网格 is a to-do on its 网格员’s home; one from another grid is not', async () => {
  const outOfGrid = await f.call(hxjyResident, 'wish', 'post', wishInput({ title: '和谐家园的心愿' }));
  const inGrid = await f.call(P.resident, 'wish', 'post', wishInput({ title: '想要一个新拐杖' }));
  expect([outOfGrid.ok, inGrid.ok]).toEqual([true, true]);
  const data = await load(P.gridWorker, 'grid-grid-1');
  expect(data.headline).toMatch(/^第一网格共 2 栋楼、20 户、\d+ 位居民$/);
  const ids = data.rows.map((r) => r.id);
  expect(ids).toContain(inGrid.data.id);
  expect(ids).not.toContain(outOfGrid.data.id);
  expect(data.rows.find((r) => r.id === inGrid.data.id)).toMatchObject({
    text: '心愿：想要一个新拐杖',
    detail: '待审核 · 张秀英 · 幸福里小区 · 1号楼 · 1-102',
  });
});

test('the member’s quarter card reads the quarter’s total against the threshold', async () => {
  const data = await load(P.member, 'quarter');
  expect(data.headline).toMatch(/^\d{4}年第[一二三四]季度已得 \d+ \/ \d+ 分，(已达标|还差 \d+ 分)$/);
});

test('text held for manual review is a to-do for those who may clear it, each row opening the held tab on its list', async () => {
  // The emulator's check answers 人工复核 with "review" and 系统繁忙 with "busy": both held.
  const wish = await f.call(P.resident, 'wish', 'post', wishInput({ title: '请人工复核：想要一台收音机' }));
  const topic = await openTopic(f);
  const opinion = await f.call(P.resident, 'deliberation', 'postOpinion', {
    topicId: topic.id,
    text: '系统繁忙时提出的意见：电梯费用按楼层分摊更公平一些',
  });
  expect([wish.ok, opinion.ok]).toEqual([true, true]);
  const held = `/packages/wish/pages/review/index?communityId=${DEMO}&tab=held`;
  for (const openid of [P.leader, P.admin]) {
    const data = await load(openid, 'held');
    expect(data.rows).toEqual([
      {
        id: `wish:${wish.data.id}:title`,
        text: '心愿：请人工复核：想要一台收音机',
        detail: '心愿标题 · 张秀英 · 需人工复核',
        url: held,
      },
      {
        id: `opinion:${opinion.data.id}:text`,
        text: '议事意见：系统繁忙时提出的意见：电梯费用按楼层分摊更公平一…',
        detail: '意见 · 张秀英 · 检查服务繁忙',
        url: `${held}&source=deliberation`,
      },
    ]);
  }
  // Two list calls: wish.heldTexts (identity, the page) and deliberation.heldTexts (identity, the
  // topics a leader leads, the pages) — 5 requests for a leader, 4 for an admin.
  const card = (await cardsOf(P.leader)).find((c) => c.key === 'held')!;
  expect((await f.requestsOf(() => card.load(callerAs(P.leader)))).requests).toBeLessThanOrEqual(5);
  // Whoever may not clear holds has no card, and would be refused the lists it reads.
  for (const openid of [P.member, P.resident, P.councilChair, P.gridWorker, P.street]) {
    expect((await cardsOf(openid)).map((c) => c.key)).not.toContain('held');
    for (const area of ['wish', 'deliberation'] as const) {
      const reply = await f.call(openid, area, 'heldTexts', { communityId: DEMO, limit: 3 });
      expect(reply.ok ? 'allowed' : reply.error.code).toBe('FORBIDDEN');
    }
  }
});

test('a whole home costs few database requests: at most 4 per card, measured per persona', async () => {
  for (const openid of [P.admin, P.leader, P.member, P.resident, P.newcomer, P.gridWorker]) {
    const cards = await cardsOf(openid);
    const call = callerAs(openid);
    const { requests } = await f.requestsOf(() => Promise.all(cards.map((c) => c.load(call))));
    console.log(`home of ${openid}: ${cards.length} cards, ${requests} database requests`);
    expect(requests).toBeLessThanOrEqual(4 * cards.length);
  }
});
