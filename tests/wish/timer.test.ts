/**
 * The hourly `expire-and-release` job, fired by hand as CloudBase would (no caller): unclaimed
 * wishes past their wanted-by day expire, claims older than 14 days go back to the wall, both
 * through the transition table, with notifications — and a second run changes nothing.
 */
import { startFixture, type Fixture } from '../support/fixtures';
import { P, cstDay, outbox, setWish, startOfCstDay, wishIn } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const DAY = 24 * 3600e3;
const fire = async () => {
  const reply = (await f.server.functions.fireTimer('wish', 'expire-and-release')) as { ok: boolean; data: unknown };
  expect(reply.ok).toBe(true);
  return reply.data;
};
const wish = (id: string) => f.find('wishes', { _id: id })[0]!;
const snapshot = () =>
  JSON.stringify({
    wishes: f.find('wishes'),
    messages: f.find('messages'),
    ledger: f.find('point_ledger'),
    balances: f.find('point_balances'),
  });

test('expires, releases and credits exactly once; running it again changes nothing', async () => {
  const now = Date.now();
  const yesterdayEnd = startOfCstDay(cstDay(0)); // the end of yesterday (China time)
  const todayEnd = new Date(startOfCstDay(cstDay(0)).getTime() + DAY);

  const publishedPast = await wishIn(f, 'published');
  await setWish(f, publishedPast, { wantedByEnd: yesterdayEnd, wantedBy: cstDay(-1) });
  const submittedPast = await wishIn(f, 'submitted');
  await setWish(f, submittedPast, { wantedByEnd: yesterdayEnd });
  const publishedToday = await wishIn(f, 'published');
  await setWish(f, publishedToday, { wantedByEnd: todayEnd, wantedBy: cstDay(0) });

  const oldClaim = await wishIn(f, 'claimed');
  await setWish(f, oldClaim, { claimedAt: new Date(now - 15 * DAY) });
  const oldClaimPastDate = await wishIn(f, 'claimed', { claimer: P.liaison });
  await setWish(f, oldClaimPastDate, { claimedAt: new Date(now - 20 * DAY), wantedByEnd: yesterdayEnd });
  const recentClaim = await wishIn(f, 'claimed');
  await setWish(f, recentClaim, { claimedAt: new Date(now - 13 * DAY), wantedByEnd: yesterdayEnd });
  const fulfilledOld = await wishIn(f, 'fulfilled');
  await setWish(f, fulfilledOld, { claimedAt: new Date(now - 30 * DAY), wantedByEnd: yesterdayEnd });

  // A confirmation whose points never arrived (e.g. the function died after the state write).
  const pending = await wishIn(f, 'fulfilled');
  await setWish(f, pending, {
    state: 'confirmed',
    creditPending: true,
    confirmation: { rating: 5, thanks: null, at: new Date() },
  });
  const outboxBefore = (await outbox(f)).length;

  expect(await fire()).toEqual({ released: 2, expired: 3, credited: 1, more: false });

  expect(wish(publishedPast).state).toBe('expired');
  expect(wish(submittedPast).state).toBe('expired');
  expect(wish(publishedToday).state).toBe('published');
  expect(wish(recentClaim).state).toBe('claimed');
  expect(wish(fulfilledOld).state).toBe('fulfilled');

  const released = wish(oldClaim);
  expect(released).toMatchObject({ state: 'published', claimerId: null, claimedAt: null, claimSeq: 1 });
  expect(released.timeline.at(-1)).toMatchObject({
    from: 'claimed',
    to: 'published',
    via: 'autoRelease',
    byId: null,
    byName: '系统',
    note: '认领超过14天未完成，系统自动释放',
  });
  // Released, then past its date: expired in the same run.
  expect(
    wish(oldClaimPastDate)
      .timeline.slice(-2)
      .map((t: any) => [t.from, t.to]),
  ).toEqual([
    ['claimed', 'published'],
    ['published', 'expired'],
  ]);
  expect(wish(publishedPast).timeline.at(-1)).toMatchObject({ via: 'expire', byName: '系统' });

  expect(f.find('messages', { _id: `wish:${publishedPast}:expired`, userId: 'user-resident' })).toHaveLength(1);
  expect(f.find('messages', { _id: `wish:${oldClaim}:auto-released:1`, userId: 'user-member' })).toHaveLength(1);
  expect(f.find('messages', { _id: `wish:${oldClaim}:auto-released:1:poster`, userId: 'user-resident' })).toHaveLength(
    1,
  );
  expect(f.find('messages', { _id: `wish:${oldClaimPastDate}:auto-released:1`, userId: 'user-liaison' })).toHaveLength(
    1,
  );
  expect(f.find('point_ledger', { _id: `wish:${pending}` })).toEqual([
    expect.objectContaining({ userId: 'user-member', amount: 10 }),
  ]);
  expect(wish(pending).creditPending).toBe(false);
  const outboxAfter = await outbox(f);
  expect(outboxAfter.length - outboxBefore).toBe(7); // 3 expired + 2×2 released

  const after = snapshot();
  expect(await fire()).toEqual({ released: 0, expired: 0, credited: 0, more: false });
  expect(snapshot()).toBe(after);
  expect((await outbox(f)).length).toBe(outboxAfter.length);
});

test('the released wish can be claimed again; its old claimer no longer sees the contact', async () => {
  const wishId = await wishIn(f, 'claimed');
  await setWish(f, wishId, { claimedAt: new Date(Date.now() - 15 * DAY) });
  await fire();
  const seen = await f.call(P.member, 'wish', 'get', { wishId });
  expect(seen.data).toMatchObject({ state: 'published', contact: null, posterName: '张*', allowed: ['claim'] });
  const again = await f.call(P.liaison, 'wish', 'claim', { wishId });
  expect(again.data).toMatchObject({ state: 'claimed', claimerName: '刘芳' });
  expect(wish(wishId).claimSeq).toBe(2);
});

test('the wish function declares the hourly trigger and a caller cannot pose as the scheduler', async () => {
  expect(f.server.functions.timers()).toContainEqual({ functionName: 'wish', triggerName: 'expire-and-release' });
  const res = await fetch(`${f.server.url}/api/functions/wish`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-openid': P.admin },
    body: JSON.stringify({ Type: 'Timer', TriggerName: 'expire-and-release' }),
  });
  const body = (await res.json()) as { ok: boolean };
  expect(body.ok).toBe(false);
});
