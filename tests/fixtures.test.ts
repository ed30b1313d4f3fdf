/** The shared fixture itself: the demo community and the second community are there. */
import { startFixture, type Fixture, DEMO, OTHER } from './support/fixtures';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

test('the fixture holds the demo community and a second community with its own admin', () => {
  expect(f.find('households', { communityId: DEMO })).toHaveLength(60);
  expect(f.find('households', { communityId: OTHER })).toHaveLength(2);
  expect(
    f
      .find('roles', { kind: 'admin' })
      .map((r) => r.communityId)
      .sort(),
  ).toEqual([DEMO, OTHER].sort());
  expect(f.find('roles', { kind: 'member', memberType: 'in_office' })).toHaveLength(10);
  expect(f.find('binding_requests', { status: 'pending' })).toHaveLength(1);
});

test('expectNothingWritten notices a write', async () => {
  await expect(
    f.expectNothingWritten(async () => {
      await f.call('demo-admin', 'system', 'ping');
    }),
  ).resolves.toBeUndefined();
  let threw = false;
  try {
    await f.expectNothingWritten(async () => {
      f.server.db.handle({ action: 'database.insertDocument', collectionName: 'locks', data: ['{"_id":"x"}'] });
    });
  } catch {
    threw = true;
  }
  expect(threw).toBe(true);
});
