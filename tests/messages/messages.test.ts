/**
 * messages.*: the caller's own messages only, newest first and paged; unread count; marking read
 * by ids (others' ids ignored) or all; the subscription templates.
 */
import { MarkReadResult, MessageList, Templates, UnreadCount } from '../../types/messages';
import { subscriptionKinds } from '../../types/subscriptions';
import subscriptions from '../../deploy/subscriptions.json';
import { expectError, expectOk } from '../account/helpers';
import { aMessage } from '../support/factories';
import { demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';

let f: Fixture;
const ME = 'user-other-resident';
const at = (i: number) => new Date(Date.UTC(2026, 9, 1, i));
beforeAll(async () => {
  f = await startFixture();
  const msg = (id: string, userId: string, i: number, read = false) =>
    aMessage({
      _id: id,
      userId,
      kind: 'wish',
      title: `标题${id}`,
      body: '正文',
      link: `/packages/wish/pages/detail/index?id=${id}`,
      read,
      createdAt: at(i),
    });
  f.insert('messages', [
    msg('m1', ME, 1),
    msg('m2', ME, 2, true),
    msg('m3', ME, 3),
    msg('m4', ME, 4),
    msg('m5', ME, 5),
    msg('x1', 'user-other-admin', 6),
  ]);
});
afterAll(async () => {
  await f.stop();
});

const call = (openid: string | null, action: string, data: object = {}) => f.call(openid, 'messages', action, data);

test('list: own messages newest first, in pages', async () => {
  const p1 = expectOk(await call(otherPersonas.resident, 'list', { limit: 3 }), MessageList);
  expect(p1.items.map((m) => m.id)).toEqual(['m5', 'm4', 'm3']);
  expect(p1.items[0]).toEqual({
    id: 'm5',
    kind: 'wish',
    title: '标题m5',
    body: '正文',
    link: '/packages/wish/pages/detail/index?id=m5',
    read: false,
    createdAt: at(5).toISOString(),
  });
  expect(p1.nextCursor).toEqual(expect.any(String));
  const p2 = expectOk(await call(otherPersonas.resident, 'list', { limit: 3, cursor: p1.nextCursor! }), MessageList);
  expect(p2.items.map((m) => m.id)).toEqual(['m2', 'm1']);
  expect(p2.nextCursor).toBeNull();
  const unread = expectOk(await call(otherPersonas.resident, 'list', { unreadOnly: true }), MessageList);
  expect(unread.items.map((m) => m.id)).toEqual(['m5', 'm4', 'm3', 'm1']);
  const admin = expectOk(await call(otherPersonas.admin, 'list'), MessageList);
  expect(admin.items.map((m) => m.id)).toEqual(['x1']);
  const nobody = expectOk(await call('openid-never-seen', 'list'), MessageList);
  expect(nobody).toEqual({ items: [], nextCursor: null });
});

test('unreadCount, markRead by ids (others ignored) and all', async () => {
  expect(expectOk(await call(otherPersonas.resident, 'unreadCount'), UnreadCount)).toEqual({ unread: 4 });
  const r1 = expectOk(await call(otherPersonas.resident, 'markRead', { ids: ['m5', 'm2', 'x1'] }), MarkReadResult);
  expect(r1).toEqual({ updated: 1, unread: 3 });
  expect(f.find('messages', { _id: 'x1' })[0]!.read).toBe(false);
  const again = expectOk(await call(otherPersonas.resident, 'markRead', { ids: ['m5'] }), MarkReadResult);
  expect(again).toEqual({ updated: 0, unread: 3 });
  const all = expectOk(await call(otherPersonas.resident, 'markRead', { all: true }), MarkReadResult);
  expect(all).toEqual({ updated: 3, unread: 0 });
  expect(expectOk(await call(otherPersonas.admin, 'unreadCount'), UnreadCount)).toEqual({ unread: 1 });
});

test('a message keyed by two real ids (a topic message: 81 characters) is listed and marked read', async () => {
  const hex = (c: string) => c.repeat(32);
  const id = `topic:${hex('a')}:vote-open:${hex('b')}`;
  expect(id.length).toBeGreaterThan(64);
  f.insert('messages', [
    aMessage({ _id: id, userId: 'user-other-admin', kind: 'topic', read: false, createdAt: at(9) }),
  ]);
  const list = expectOk(await call(otherPersonas.admin, 'list', { limit: 5 }), MessageList);
  expect(list.items[0]!.id).toBe(id);
  const marked = expectOk(await call(otherPersonas.admin, 'markRead', { ids: [id] }), MarkReadResult);
  expect(marked.updated).toBe(1);
});

test('refusals and bad input', async () => {
  for (const action of ['list', 'unreadCount'])
    expectError(await call(null, action), 'UNAUTHENTICATED', 'auth.no-identity');
  expectError(await call(null, 'markRead', { all: true }), 'UNAUTHENTICATED', 'auth.no-identity');
  expectError(await call(demoPersonas.admin, 'markRead', {}), 'VALIDATION', 'input.invalid');
  expectError(await call(demoPersonas.admin, 'markRead', { ids: [] }), 'VALIDATION', 'input.invalid');
  expectError(await call(demoPersonas.admin, 'markRead', { all: false }), 'VALIDATION', 'input.invalid');
  expectError(await call(demoPersonas.admin, 'list', { limit: 500 }), 'VALIDATION', 'input.invalid');
});

test('templates: the configured templates of the kinds that are sent', async () => {
  const t = expectOk(await call(null, 'templates'), Templates);
  expect(t.templates).toEqual(
    subscriptionKinds.map((key) => ({ key, id: subscriptions[key].templateId, title: subscriptions[key].title })),
  );
});
