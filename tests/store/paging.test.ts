/**
 * Cursor (keyset) paging, `cloudfunctions/_shared/paging.ts` (docs/adr/0030): a page continues
 * after the previous page's last row, so rows added or removed meanwhile neither repeat nor hide
 * a row; ties on the order field are split by id; two-key orders (opinions by support) page
 * exactly once; a cursor the list did not give is refused before anything is read.
 */
import { encodeCursor } from '../../cloudfunctions/_shared/paging';
import { MessageList } from '../../types/messages';
import { OpinionPage } from '../../types/deliberation';
import { expectError, expectOk } from '../account/helpers';
import { aMessage, anOpinion, aTopic, FIXTURE_NOW } from '../support/factories';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';

let f: Fixture;
const ME = 'user-other-resident';
const minute = (i: number) => new Date(FIXTURE_NOW.getTime() - i * 60_000);

beforeAll(async () => {
  f = await startFixture();
  f.insert('topics', [aTopic({ _id: 'topic-paging', communityId: OTHER })]);
});
afterAll(() => f.stop());

const messages = (openid: string, cursor?: string | null, limit = 3) =>
  f.call(openid, 'messages', 'list', { limit, ...(cursor ? { cursor } : {}) });

/** Every page of a list, following nextCursor. */
async function walk<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const p = await page(cursor);
    items.push(...p.items);
    if (p.nextCursor === null) return items;
    cursor = p.nextCursor;
  }
  throw new Error('the list never ended');
}

describe('cursor paging', () => {
  test('a page continues after the last row read: messages added or removed meanwhile neither repeat nor hide one', async () => {
    const me = (id: string, i: number) => aMessage({ _id: id, userId: ME, createdAt: minute(i) });
    f.insert('messages', [me('p1', 10), me('p2', 20), me('p3', 30), me('p4', 40), me('p5', 50), me('p6', 60)]);
    const first = expectOk(await messages(otherPersonas.resident), MessageList);
    expect(first.items.map((m) => m.id)).toEqual(['p1', 'p2', 'p3']);
    // Two newer messages arrive and an older one not yet shown is deleted before the reader scrolls on.
    f.insert('messages', [me('n1', 1), me('n2', 2)]);
    const removed = f.server.db.handle({
      action: 'database.removeDocument',
      collectionName: 'messages',
      queryType: 'WHERE',
      query: JSON.stringify({ _id: 'p5' }),
      multi: false,
    }) as { data?: { deleted: number } };
    expect(removed.data?.deleted).toBe(1);
    const second = expectOk(await messages(otherPersonas.resident, first.nextCursor), MessageList);
    expect(second.items.map((m) => m.id)).toEqual(['p4', 'p6']);
    expect(second.nextCursor).toBeNull();
  });

  test('rows that tie on the order field are split between pages by id, each shown once', async () => {
    const same = minute(500);
    const ids = Array.from({ length: 7 }, (_, i) => `tie-${i}`);
    f.insert(
      'messages',
      ids.map((id) => aMessage({ _id: id, userId: 'user-other-admin', createdAt: same })),
    );
    const seen = await walk(async (cursor) => expectOk(await messages(otherPersonas.admin, cursor, 3), MessageList));
    const tied = seen.map((m) => m.id).filter((id) => id.startsWith('tie-'));
    expect(tied).toEqual([...ids].reverse()); // newest first, then id descending
  });

  test('opinions ranked by support page exactly once through ties in support and in time', async () => {
    const rows = Array.from({ length: 11 }, (_, i) =>
      anOpinion({
        _id: `op-${String(i).padStart(2, '0')}`,
        topicId: 'topic-paging',
        supportCount: i % 3,
        createdAt: minute(i % 2),
      }),
    );
    f.insert('opinions', rows);
    const seen = await walk(async (cursor) =>
      expectOk(
        await f.call(otherPersonas.admin, 'deliberation', 'listOpinions', {
          topicId: 'topic-paging',
          sort: 'support',
          limit: 2,
          ...(cursor ? { cursor } : {}),
        }),
        OpinionPage,
      ),
    );
    const expected = [...rows]
      .sort(
        (a, b) =>
          b.supportCount - a.supportCount ||
          a.createdAt.getTime() - b.createdAt.getTime() ||
          a._id.localeCompare(b._id),
      )
      .map((o) => o._id);
    expect(seen.map((o) => o.id)).toEqual(expected);
  });

  test.each([
    ['not base64 JSON', '%%%'],
    ['JSON that is not a cursor', Buffer.from('{"a":1}').toString('base64url')],
    ['a cursor of another order (two keys for a one-key list)', encodeCursor([1, 2, 'x'])],
    ['a cursor without an id', encodeCursor([new Date(), ''])],
    ['an offset from before cursors', '20'],
  ])('refuses %s as VALIDATION page.bad-cursor, before anything is read', async (_name, cursor) => {
    const calls: Array<[string, string, string, object]> = [
      [otherPersonas.resident, 'messages', 'list', { cursor }],
      [demoPersonas.resident, 'wish', 'wall', { communityId: DEMO, cursor }],
      [demoPersonas.admin, 'account', 'listPeople', { communityId: DEMO, cursor }],
      [demoPersonas.admin, 'deliberation', 'heldTexts', { communityId: DEMO, cursor }],
      [demoPersonas.member, 'points', 'myPoints', { communityId: DEMO, cursor }],
      [
        otherPersonas.admin,
        'dashboard',
        'exportXlsx',
        { communityId: OTHER, kind: 'wishes', from: '2026-10-01', to: '2026-11-30', cursor },
      ],
    ];
    for (const [openid, area, action, data] of calls) {
      const reply = await f.expectNothingWritten(() => f.call(openid, area, action, data));
      expectError(reply, 'VALIDATION', 'page.bad-cursor');
      expect(reply.error.message).toBe('列表已过期，请下拉刷新后重试');
    }
  });
});
