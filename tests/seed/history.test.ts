/**
 * The lived-in demo (emulator/seed/history): a fresh data folder seeded with a year of the demo
 * community through the real actions on the moving clock has history in every state of every
 * module, every counter agrees with what it counts (the areas' own reconcile actions repair
 * nothing), and every points balance equals its ledger.
 */
import * as tcb from '@cloudbase/node-sdk';
import { resetLocalClock } from '../../emulator/host/clock';
import { seedLivedInDemo, type SeedReport } from '../../emulator/seed/history';
import { demoPersonas } from '../../emulator/seed/demo-community';
import { startTestServer, type TestServer } from '../support/in-process-server';
import { reconcilePages } from '../support/reconcile';
import { DEMO, type Fixture } from '../support/fixtures';

let server: TestServer;
let report: SeedReport;
let seededAt: number;

beforeAll(async () => {
  server = await startTestServer();
  seededAt = Date.now();
  report = await seedLivedInDemo({ host: server.functions, envId: 'local-dev' });
}, 180_000);
afterAll(async () => {
  resetLocalClock();
  await server.stop();
});

/** Documents of a collection, read through the SDK as the functions read them. */
async function find(collection: string, query: Record<string, unknown> = {}): Promise<Array<Record<string, any>>> {
  const { data } = await tcb
    .init({ env: 'local-dev' })
    .database()
    .collection(collection)
    .where(query)
    .limit(1000)
    .get();
  return data as Array<Record<string, any>>;
}

async function call(openid: string | null, area: string, action: string, data: unknown = {}): Promise<any> {
  return (await server.callAs(openid, area, action, data)).body;
}

const values = (docs: Array<Record<string, any>>, field: string) => new Set(docs.map((d) => d[field] as unknown));
const ms = (d: unknown) => new Date(d as string | Date).getTime();

test('the seed ends with the server clock back on the machine clock', async () => {
  const pong = await call(null, 'system', 'ping');
  expect(pong.ok).toBe(true);
  const before = Date.now();
  const created = (await find('audit_log')).map((a) => ms(a.at));
  expect(Math.max(...created)).toBeLessThanOrEqual(before);
  expect(report.calls).toBeGreaterThan(300);
});

test('the history spans the past year: acts dated from about a year ago up to today', async () => {
  const dates = (await find('point_ledger')).map((e) => ms(e.createdAt));
  const year = 365 * 24 * 3600_000;
  expect(Math.min(...dates)).toBeLessThan(seededAt - 0.8 * year);
  expect(Math.max(...dates)).toBeGreaterThan(seededAt - 30 * 24 * 3600_000);
});

test('there are wishes in every state', async () => {
  expect([...values(await find('wishes'), 'state')].sort()).toEqual(
    ['claimed', 'confirmed', 'expired', 'fulfilled', 'published', 'rejected', 'submitted', 'withdrawn'].sort(),
  );
});

test('there are past and upcoming activities, with sign-ups, a waitlist, hours, a no-show and a cancelled one', async () => {
  const activities = await find('activities');
  expect(activities.some((a) => ms(a.endAt) < seededAt && !a.cancelled)).toBe(true);
  expect(activities.some((a) => ms(a.startAt) > seededAt)).toBe(true);
  expect(activities.some((a) => a.cancelled === true)).toBe(true);
  const upcoming = new Set(activities.filter((a) => ms(a.startAt) > seededAt).map((a) => a._id));
  const signups = await find('signups');
  expect(signups.some((s) => upcoming.has(s.activityId) && s.state === 'waitlisted')).toBe(true);
  expect(signups.some((s) => upcoming.has(s.activityId) && s.state === 'confirmed')).toBe(true);
  expect(values(signups, 'state')).toEqual(new Set(['cancelled', 'completed', 'confirmed', 'no_show', 'waitlisted']));
  expect(signups.filter((s) => s.state === 'completed').every((s) => s.hours > 0)).toBe(true);
});

test('past events have check-ins and one event is upcoming', async () => {
  const events = await find('events');
  const checkins = await find('checkins');
  const past = events.filter((e) => ms(e.endAt) < seededAt);
  expect(past.length).toBeGreaterThanOrEqual(10);
  for (const event of past) expect(checkins.some((c) => c.eventId === event._id)).toBe(true);
  expect(events.some((e) => ms(e.startAt) > seededAt)).toBe(true);
});

test('the admin sees 报到 in every status, and work-unit registrations decided both ways and pending', async () => {
  const reply = await call(demoPersonas.admin, 'checkin', 'listRegistrations', { communityId: DEMO, limit: 50 });
  expect(reply.ok).toBe(true);
  const statuses = new Set((reply.data.items as Array<{ status: string }>).map((r) => r.status));
  expect([...statuses].sort()).toEqual(['approved', 'ended', 'pending', 'rejected', 'withdrawn']);
  expect(values(await find('unit_registrations'), 'status')).toEqual(new Set(['approved', 'pending', 'rejected']));
});

test('the last finished quarter is closed with its ranked assessment, and the year-end ratings are given', async () => {
  const results = await find('quarter_results', { communityId: DEMO });
  expect(results.length).toBeGreaterThanOrEqual(4);
  expect(results.some((r) => JSON.stringify(r).includes('"userId"'))).toBe(true);
  const ratings = await find('ratings', { communityId: DEMO });
  expect(values(ratings, 'target')).toEqual(new Set(['member', 'work_unit']));
});

test('there are topics at every step, and the archived ones keep their votes, notice, objections, progress and ratings', async () => {
  const topics = await find('topics');
  expect([...values(topics, 'step')].sort()).toEqual(
    ['archived', 'collect', 'ended', 'evaluate', 'execute', 'notice', 'review', 'vote'].sort(),
  );
  const archived = topics.filter((t) => t.step === 'archived');
  expect(archived.length).toBe(2);
  const ballots = await find('ballots');
  const ratings = await find('topic_ratings');
  for (const t of archived) {
    expect(ballots.filter((b) => b.topicId === t._id).length).toBeGreaterThan(3);
    expect(ratings.some((r) => r.topicId === t._id)).toBe(true);
    expect(t.vote.tally).not.toBeNull();
    expect(t.notice).toBeTruthy();
    expect(t.execution.progress.length).toBeGreaterThan(0);
  }
  expect((await find('objections')).length).toBeGreaterThanOrEqual(2);
  expect((await find('opinions')).length).toBeGreaterThan(10);
});

test('each persona who acts in the community has messages', async () => {
  const told = [
    demoPersonas.admin,
    demoPersonas.estateLeader,
    demoPersonas.leader,
    demoPersonas.member,
    demoPersonas.liaison,
    demoPersonas.resident,
    demoPersonas.councilChair,
    demoPersonas.supervisor,
  ];
  for (const openid of told) {
    const reply = await call(openid, 'messages', 'list', { limit: 5 });
    expect({ openid, ok: reply.ok, some: reply.data?.items.length > 0 }).toEqual({ openid, ok: true, some: true });
  }
});

test('every counter agrees with what it counts: the reconcile actions repair nothing', async () => {
  const f = { call } as unknown as Fixture;
  for (const area of ['checkin', 'deliberation', 'points'] as const) {
    const { checked, repaired } = await reconcilePages(f, area, demoPersonas.admin);
    expect({ area, repaired }).toEqual({ area, repaired: [] });
    expect(checked).toBeGreaterThan(0);
  }
  for (const activity of await find('activities')) {
    const reply = await call(demoPersonas.admin, 'volunteer', 'reconcile', { activityId: activity._id });
    expect({ id: activity._id, changed: reply.data?.changed }).toEqual({ id: activity._id, changed: {} });
  }
});

test('every points balance equals the sum of its ledger', async () => {
  const ledger = await find('point_ledger');
  const balances = await find('point_balances');
  expect(balances.length).toBeGreaterThan(10);
  for (const b of balances) {
    const sum = ledger
      .filter((e) => e.userId === b.userId && e.communityId === b.communityId)
      .reduce((s, e) => s + (e.amount as number), 0);
    expect({ id: b._id, balance: b.balance }).toEqual({ id: b._id, balance: sum });
  }
});

test("the screens' reads answer on the seeded year: lists, the admin's dashboard over the year, the last quarter's report", async () => {
  const day = (offset: number) => new Date(seededAt + offset * 24 * 3600_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const reads: Array<[string, string, string, Record<string, unknown>]> = [
    [demoPersonas.resident, 'wish', 'mine', { as: 'poster' }],
    [demoPersonas.member, 'wish', 'mine', { as: 'claimer' }],
    [demoPersonas.member, 'volunteer', 'myHours', { communityId: DEMO }],
    [demoPersonas.member, 'points', 'myPoints', { communityId: DEMO }],
    [demoPersonas.member, 'checkin', 'myRegistrations', {}],
    [demoPersonas.leader, 'wish', 'reviewQueue', { communityId: DEMO }],
    [demoPersonas.resident, 'wish', 'wall', { communityId: DEMO }],
    [demoPersonas.resident, 'volunteer', 'list', { communityId: DEMO, when: 'upcoming' }],
    [demoPersonas.resident, 'volunteer', 'list', { communityId: DEMO, when: 'past' }],
    [demoPersonas.resident, 'deliberation', 'list', { communityId: DEMO }],
    [demoPersonas.admin, 'checkin', 'listEvents', { communityId: DEMO, when: 'past' }],
    [demoPersonas.admin, 'dashboard', 'overview', { communityId: DEMO, from: day(-365), to: day(0) }],
  ];
  for (const [openid, area, action, data] of reads) {
    const reply = await call(openid, area, action, data);
    const items = reply.data?.items as unknown[] | undefined;
    expect({ area, action, ok: reply.ok, empty: items?.length === 0 }).toEqual({
      area,
      action,
      ok: true,
      empty: false,
    });
  }
  const quarters = (await find('quarter_results', { communityId: DEMO })).map((r) => String(r.quarter)).sort();
  const report = await call(demoPersonas.admin, 'points', 'quarterReport', {
    communityId: DEMO,
    quarter: quarters.at(-1),
  });
  expect(report.ok).toBe(true);
  expect(JSON.stringify(report.data)).toContain('李建国'); // demo-member, ranked in the closed quarter
});

test('the history has 代办 acts for a resident without WeChat, each marked and audited', async () => {
  expect(report.modules['proxy']).toEqual({ acts: 3, gridWorkerActs: 3 });
  const [offline] = await find('users', { offline: true, name: '孙桂芳' });
  expect(offline).toBeDefined();
  const [wish] = await find('wishes', { posterId: offline!._id });
  expect(wish).toMatchObject({ state: 'confirmed', proxy: { actorName: '陈志强' } });
  expect(wish!.confirmation.proxy).toMatchObject({ actorName: '陈志强' });
  expect(await find('opinions', { authorId: offline!._id })).toHaveLength(1);
  const actions = [...values(await find('audit_log', { residentId: offline!._id }), 'action')].sort();
  expect(actions).toEqual(['proxy.confirmWish', 'proxy.postOpinion', 'proxy.postWish', 'proxy.recordConsent']);
});

test('the 网格员 吴晓燕 acted for 钱淑英 without WeChat: a wish, a sign-up and a ballot on a written 委托书 with its photo', async () => {
  const [she] = await find('users', { offline: true, name: '钱淑英' });
  expect(she).toBeDefined();
  const proxied = { proxy: expect.objectContaining({ actorName: '吴晓燕' }) };
  const [wish] = await find('wishes', { posterId: she!._id });
  expect(wish).toMatchObject({ state: 'published', householdId: 'hh-xfl-2-502', ...proxied });
  const seen = await call(demoPersonas.admin, 'wish', 'get', { wishId: wish!._id });
  expect(seen.data.proxyName).toBe('吴晓燕');
  expect(await find('signups', { userId: she!._id })).toEqual([expect.objectContaining(proxied)]);
  const [ballot] = await find('ballots', { userId: she!._id });
  expect(ballot).toMatchObject({ householdId: 'hh-xfl-2-502', ...proxied });
  // The ballot stands on a written consent whose 委托书 photo is in storage, uploaded as the app uploads.
  const [consent] = await find('proxy_consents', { _id: ballot!.proxy.consentId });
  expect(consent).toMatchObject({ kind: 'written', scope: ['cast_ballot'], actorName: '吴晓燕' });
  expect(consent!.photoFileId).toMatch(/^cloud:\/\/local-dev\.local\/wishes\/\d{4}-\d{2}-\d{2}\/weituoshu-2-502\.png$/);
  const { fileList } = await tcb.init({ env: 'local-dev' }).getTempFileURL({ fileList: [consent!.photoFileId] });
  const photo = await fetch(fileList[0]!.tempFileURL);
  expect(photo.ok).toBe(true);
  expect(
    Buffer.from(await photo.arrayBuffer())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
  // Every act audited with 吴晓燕 as the actor and 第一网格 as the grid.
  const entries = await find('audit_log', { residentId: she!._id });
  expect([...values(entries, 'action')].sort()).toEqual([
    'proxy.castBallot',
    'proxy.postWish',
    'proxy.recordConsent',
    'proxy.signUp',
  ]);
  expect(values(entries, 'actorName')).toEqual(new Set(['吴晓燕']));
  expect(values(entries, 'gridId')).toEqual(new Set(['grid-1']));
});
