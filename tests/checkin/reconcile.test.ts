/**
 * checkin.reconcile and its daily timer (docs/adr/0016): the event's `checkedInCount` is kept
 * outside the check-in's transaction (a rush would conflict on it), so it is provably repaired —
 * recounted from the check-in documents, repaired and reported, audited once; a clean database
 * reports nothing and writes nothing; anyone but the community's admins is refused.
 */
import type { Ctx } from '../../cloudfunctions/_shared/context';
import { database } from '../../cloudfunctions/_shared/database';
import { reconcileJob } from '../../cloudfunctions/checkin/src/reconcile';
import { communityPage } from '../../cloudfunctions/_shared/reconcile';
import { CheckInResult } from '../../types/checkin';
import type { CounterRepair } from '../../types/reconcile';
import { DEMO, demoPersonas, OTHER, startFixture, type Fixture } from '../support/fixtures';
import { crashAt, resetCrashPointsAfterEach } from '../support/crash-points';
import { reconcilePages } from '../support/reconcile';
import { codeFor, expectError, expectOk, makeEvent, patch } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());
resetCrashPointsAfterEach();

const reconcileAll = (openid: string, communityId?: string) => reconcilePages(f, 'checkin', openid, communityId);

const scan = (openid: string, eventId: string) => f.call(openid, 'checkin', 'checkIn', { code: codeFor(f, eventId) });
const counterOf = (eventId: string) => f.find('events', { _id: eventId })[0]!.checkedInCount as number;
const audits = () => f.find('audit_log', { action: 'checkin.reconcile' });

test('on a clean database an admin reconciles every event and nothing is reported or written', async () => {
  const event = await makeEvent(f, { title: '核对前的党日' });
  expectOk(await scan(demoPersonas.member, event.id), CheckInResult);
  const report = await f.expectNothingWritten(() => reconcileAll(demoPersonas.admin));
  expect(report.checked).toBeGreaterThan(0);
  expect(report.repaired).toEqual([]);
});

test('a counter written wrong through the database is recounted, repaired, reported and audited once; a second run changes nothing', async () => {
  const event = await makeEvent(f, { title: '计数被写错的党日' });
  expectOk(await scan(demoPersonas.member, event.id), CheckInResult);
  patch(f, 'events', event.id, { checkedInCount: 7 });
  const other = await makeEvent(f, { title: '计数偏低的党日' });
  expectOk(await scan(demoPersonas.member, other.id), CheckInResult);
  patch(f, 'events', other.id, { checkedInCount: 0 });
  const before = audits().length;

  const report = await reconcileAll(demoPersonas.admin);
  expect(report.repaired).toEqual(
    expect.arrayContaining([
      { id: event.id, field: 'checkedInCount', from: 7, to: 1 },
      { id: other.id, field: 'checkedInCount', from: 0, to: 1 },
    ]),
  );
  expect(report.repaired).toHaveLength(2);
  expect(counterOf(event.id)).toBe(1);
  expect(counterOf(other.id)).toBe(1);
  expect(audits()).toHaveLength(before + 1);
  expect(audits().at(-1)).toMatchObject({ communityId: DEMO, actorId: 'user-admin' });

  const again = await f.expectNothingWritten(() => reconcileAll(demoPersonas.admin));
  expect(again.repaired).toEqual([]);
});

test('a crash after the check-in committed, with no later scan, leaves the counter behind until the reconcile repairs it', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const event = await makeEvent(f, { title: '提交后断电无人再扫' });
  await crashAt('checkin.record.after-commit', () => scan(demoPersonas.member, event.id));
  expect(f.find('checkins', { eventId: event.id })).toHaveLength(1);
  expect(counterOf(event.id)).toBe(0);

  const report = await reconcileAll(demoPersonas.admin);
  expect(report.repaired).toEqual([{ id: event.id, field: 'checkedInCount', from: 0, to: 1 }]);
  expect(counterOf(event.id)).toBe(f.find('checkins', { eventId: event.id }).length);
});

test('the daily timer repairs a drifted counter of any community, audited as the system', async () => {
  const event = await makeEvent(f, { title: '定时核对的党日' });
  expectOk(await scan(demoPersonas.member, event.id), CheckInResult);
  patch(f, 'events', event.id, { checkedInCount: 3 });
  const reply = (await f.server.functions.fireTimer('checkin', 'reconcile')) as {
    ok: boolean;
    data: { repaired: CounterRepair[] };
  };
  expect(reply.ok).toBe(true);
  expect(reply.data.repaired).toEqual([{ id: event.id, field: 'checkedInCount', from: 3, to: 1 }]);
  expect(counterOf(event.id)).toBe(1);
  expect(audits().at(-1)).toMatchObject({ communityId: DEMO, actorId: null });
  const clean = await f.expectNothingWritten(() => f.server.functions.fireTimer('checkin', 'reconcile'));
  expect(clean).toMatchObject({ ok: true, data: { repaired: [] } });
});

test('refuses anyone but an admin of the community (a member, a leader, another community’s admin) and writes nothing', async () => {
  const event = await makeEvent(f, { title: '越权核对的党日' });
  patch(f, 'events', event.id, { checkedInCount: 9 });
  await f.expectNothingWritten(async () => {
    for (const openid of [demoPersonas.member, demoPersonas.resident, demoPersonas.leader, 'other-admin']) {
      expectError(await f.call(openid, 'checkin', 'reconcile', { communityId: DEMO }), 'FORBIDDEN', 'auth.not-admin');
    }
    expectError(
      await f.call(null, 'checkin', 'reconcile', { communityId: DEMO }),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });
  expect(counterOf(event.id)).toBe(9);
  // 东湖's admin reconciles 东湖 only: 幸福里's drift stays.
  await reconcileAll('other-admin', OTHER);
  expect(counterOf(event.id)).toBe(9);
});

describe('bounded runs', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const ctxOn = (day: number): Ctx => ({
    caller: { openid: null, appid: null },
    requestId: 'rotation',
    db: database(),
    runtime: 'local',
    now: () => new Date(day * DAY + 3_600_000),
  });

  test('timer runs cut off by a small budget each repair a bounded share, and consecutive runs repair every drifted counter exactly once', async () => {
    const all = f.find('events').map((e) => e._id as string);
    for (const id of all) patch(f, 'events', id, { checkedInCount: 99 });
    const repaired: string[] = [];
    for (let run = 0; run < 100 && repaired.length < all.length; run++) {
      const r = await reconcileJob({ ctx: ctxOn(0), limits: { budget: 4, perCommunity: 4 } });
      expect(r.repaired.length).toBeLessThanOrEqual(50);
      repaired.push(...r.repaired.map((x) => x.id));
    }
    expect([...repaired].sort()).toEqual([...all].sort());
    const clean = await reconcileJob({ ctx: ctxOn(0) });
    expect(clean.repaired).toEqual([]);
  });

  test('an admin’s pages of a community follow each other without gaps or overlaps', async () => {
    const all = f.find('events', { communityId: DEMO }).map((e) => e._id as string);
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 1000; i++) {
      const page = await communityPage<{ _id: string; communityId: string }>(ctxOn(0), 'events', DEMO, after, 4);
      expect(page.docs.length).toBeLessThanOrEqual(4);
      seen.push(...page.docs.map((d) => d._id));
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen.sort()).toEqual([...all].sort());
  });
});
