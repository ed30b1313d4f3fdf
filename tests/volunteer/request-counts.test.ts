/**
 * Database requests per call of the volunteer area (issue #13 part 4,
 * docs/adr/0017-requests-per-call.md), counted by the emulator on activities with realistic
 * queues (30 holding a place, 20 waiting): the same whatever the data size.
 */
import { Activity, SignupResult } from '../../types/volunteer';
import { demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { addResidents, expectOk, patch, publish } from './helpers';

let f: Fixture;
let people: string[];
beforeAll(async () => {
  f = await startFixture();
  people = addResidents(f, 'rc', 60);
}, 30_000);
afterAll(() => f.stop());

async function requestsOf(call: () => Promise<unknown>): Promise<{ n: number; body: { ok: boolean; data?: unknown } }> {
  const before = f.server.db.stats().requests;
  const body = (await call()) as { ok: boolean; error?: unknown; data?: unknown };
  if (!body.ok) throw new Error(JSON.stringify(body.error));
  return { n: f.server.db.stats().requests - before, body };
}

const call = (openid: string, action: string, input: object) => f.call(openid, 'volunteer', action, input);

/** An activity with `holding` people holding a place and `waiting` on its waitlist (signed up in order). */
async function queued(
  holding: number,
  waiting: number,
  title: string,
  from = 0,
): Promise<{ id: string; who: string[] }> {
  const a = await publish(f, { quota: holding, title });
  const who = people.slice(from, from + holding + waiting);
  for (const p of who) expectOk(await call(p, 'signUp', { activityId: a.id }), SignupResult);
  return { id: a.id, who };
}

describe('volunteer.get', () => {
  test('a plain view costs at most four database requests (three), whoever asks and however long the queue', async () => {
    const a = await queued(30, 20, '查看计数');
    for (const [openid, expected] of [
      [a.who[3]!, 'confirmed'],
      [a.who[45]!, 'waitlisted'],
      [people[55]!, null],
      [demoPersonas.admin, null],
    ] as const) {
      const { n, body } = await requestsOf(() => call(openid, 'get', { activityId: a.id }));
      console.log(`[requests] get (${String(expected)}) ${n}`);
      expect(n).toBeLessThanOrEqual(3);
      expect(Activity.parse(body.data).mySignup?.state ?? null).toBe(expected);
    }
    expect(Activity.parse((await call(a.who[45]!, 'get', { activityId: a.id })).data).mySignup).toEqual({
      state: 'waitlisted',
      waitlistPosition: 16,
    });
  }, 30_000);

  test('a view that meets a freed slot while people wait promotes the head and costs only that repair more', async () => {
    const a = await queued(30, 20, '查看修复计数');
    // what a crash of a former design could leave: a place freed, the head not yet promoted
    const stored = f.find('activities', { _id: a.id })[0]!;
    const holders = (stored.holders as string[]).slice(1);
    patch(f, 'signups', `${a.id}:user-${a.who[0]!}`, { state: 'cancelled' });
    patch(f, 'activities', a.id, { holders, confirmedCount: holders.length, freeSlots: 1 });
    const { n, body } = await requestsOf(() => call(a.who[30]!, 'get', { activityId: a.id }));
    console.log(`[requests] get repairing ${n}`);
    // identity, activity, the settlement (start, activity, sign-up, notice, activity, commit), sign-ups
    expect(n).toBeLessThanOrEqual(9);
    expect(Activity.parse(body.data).mySignup).toEqual({ state: 'confirmed', waitlistPosition: null });
    const after = await requestsOf(() => call(a.who[31]!, 'get', { activityId: a.id }));
    expect(after.n).toBeLessThanOrEqual(3);
    expect(Activity.parse(after.body.data).mySignup).toEqual({ state: 'waitlisted', waitlistPosition: 1 });
  }, 30_000);
});
