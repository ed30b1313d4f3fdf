/**
 * A posted wish waits for review, and its reviewers are told (docs/notifications.md): the
 * community's admins and the leaders of its building and estate — never the poster, never a
 * leader of another estate or building, never a plain resident.
 */
import { WishDetail } from '../../types/wish';
import { startFixture, type Fixture } from '../support/fixtures';
import { expectOk, P, wishInput } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const toldAbout = (wishId: string): string[] =>
  f
    .find('messages')
    .filter((m) => (m._id as string).startsWith(`wish:${wishId}:to-review:`))
    .map((m) => m.userId as string)
    .sort();

test("a posted wish tells the admin and the leaders of the poster's building and estate that it waits for review, and nobody else", async () => {
  const wish = expectOk(await f.call(P.resident, 'wish', 'post', wishInput()), WishDetail);
  const told = toldAbout(wish.id);
  expect(told).toEqual(['user-admin', 'user-estate-leader', 'user-leader']);
  const hxjyLeaders = f
    .find('roles', { estateId: 'estate-hxjy' })
    .filter((r) => r.kind === 'estate_leader' || r.kind === 'building_leader')
    .map((r) => r.userId);
  expect(hxjyLeaders.length).toBeGreaterThan(0);
  for (const other of hxjyLeaders) expect(told).not.toContain(other);
  expect(told).not.toContain('user-resident');
  const leaders = f.find('messages', { _id: `wish:${wish.id}:to-review:user-leader` })[0]!;
  expect(leaders).toMatchObject({
    kind: 'wish',
    title: '有新心愿待审核',
    read: false,
    link: `/packages/wish/pages/detail/index?id=${wish.id}`,
  });
  expect(leaders.body).toContain('需要一个助行器');
});

test('posting a wish with its reviewers told costs six database requests, however many reviewers (the last removes the delivered batch)', async () => {
  const n = await f.okRequestsOf(() => f.call(P.resident, 'wish', 'post', wishInput({ title: '想学智能手机' })));
  console.log(`[requests] wish.post ${n}`);
  expect(n).toBeLessThanOrEqual(6);
});

test('a reviewer who posts a wish is not told to review their own wish', async () => {
  const wish = expectOk(await f.call(P.leader, 'wish', 'post', wishInput({ title: '楼道需要换灯' })), WishDetail);
  const told = toldAbout(wish.id);
  expect(told).not.toContain('user-leader');
  expect(told).toContain('user-admin');
});
