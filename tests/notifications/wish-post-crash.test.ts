/**
 * A posted wish owes its reviewers their messages from its insert on (`outbox`,
 * cloudfunctions/_shared/outbox.ts, ADR 0031): a post that dies between the insert and the
 * messages leaves them on the wish, and the next request that reads it delivers them — each
 * reviewer told exactly once, however many requests meet it.
 */
import { WishDetail, WishPage } from '../../types/wish';
import { resetCrashPointsAfterEach } from '../support/crash-points';
import { startFixture, type Fixture } from '../support/fixtures';
import { DEMO } from '../support/fixtures';
import { expectError, expectOk, P, wishInput } from '../wish/helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());
resetCrashPointsAfterEach({ quiet: true });

const toldAbout = (wishId: string): string[] =>
  f
    .find('messages')
    .filter((m) => (m._id as string).startsWith(`wish:${wishId}:to-review:`))
    .map((m) => m.userId as string)
    .sort();

async function crashedPost(title: string): Promise<string> {
  process.env.HONGSE_CRASH_AT = 'wish.post.after-insert';
  expectError(await f.call(P.resident, 'wish', 'post', wishInput({ title })), 'INTERNAL', 'internal.unexpected');
  delete process.env.HONGSE_CRASH_AT;
  const [wish] = f.find('wishes', { title });
  expect(wish).toBeDefined();
  expect(toldAbout(wish!._id as string)).toEqual([]);
  expect(Object.keys(wish!.outbox as object)).toEqual(['to-review']);
  return wish!._id as string;
}

test('a post that dies after its insert leaves the messages on the wish, and the next view of it tells each reviewer once', async () => {
  const id = await crashedPost('想请人帮忙修水管');
  expectOk(await f.call(P.resident, 'wish', 'get', { wishId: id }), WishDetail);
  expect(toldAbout(id)).toEqual(['user-admin', 'user-estate-leader', 'user-leader']);
  expect(f.find('wishes', { _id: id })[0]!.outbox).toEqual({});
  expectOk(await f.call(P.admin, 'wish', 'get', { wishId: id }), WishDetail);
  expect(toldAbout(id)).toEqual(['user-admin', 'user-estate-leader', 'user-leader']);
});

test("a reviewer's queue delivers what a crashed post left, once", async () => {
  const id = await crashedPost('想请人帮忙换灯泡');
  const queue = expectOk(await f.call(P.leader, 'wish', 'reviewQueue', { communityId: DEMO }), WishPage);
  expect(queue.items.map((w) => w.id)).toContain(id);
  expect(toldAbout(id)).toEqual(['user-admin', 'user-estate-leader', 'user-leader']);
  expectOk(await f.call(P.leader, 'wish', 'reviewQueue', { communityId: DEMO }), WishPage);
  expect(f.find('messages').filter((m) => (m._id as string).startsWith(`wish:${id}:`))).toHaveLength(3);
});

test('a post that lives delivers at once and leaves nothing owed', async () => {
  const wish = expectOk(await f.call(P.resident, 'wish', 'post', wishInput({ title: '想学用手机挂号' })), WishDetail);
  expect(toldAbout(wish.id)).toEqual(['user-admin', 'user-estate-leader', 'user-leader']);
  expect(f.find('wishes', { _id: wish.id })[0]!.outbox).toEqual({});
});
