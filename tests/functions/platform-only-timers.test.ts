/**
 * Scheduled jobs run only from the platform's timer trigger (docs/adr/0011): for every
 * function with a timer, a `Type: 'Timer'` event sent by a client — anonymous, signed in, or
 * forging the platform's context fields in its body — is FORBIDDEN `timer.not-scheduler` and
 * writes nothing; the local timer route needs the per-start admin token; the scheduler's own
 * path still runs every job.
 */
import { demoPersonas, OTHER, startFixture, type Fixture } from '../support/fixtures';

const TIMERS = [
  ['checkin', 'reconcile'],
  ['deliberation', 'close-windows'],
  ['deliberation', 'reconcile'],
  ['messages', 'send-subscriptions'],
  ['org', 'relabel'],
  ['points', 'close-quarters'],
  ['points', 'reconcile'],
  ['volunteer', 'close-attendance'],
  ['wish', 'expire-and-release'],
] as const;

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${f.server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string; reason: string } } };
}

const notScheduler = { ok: false, error: { code: 'FORBIDDEN', reason: 'timer.not-scheduler' } };

test('these are all the timers the functions declare', () => {
  expect(
    f.server.functions
      .timers()
      .map((t) => [t.functionName, t.triggerName])
      .sort(),
  ).toEqual(TIMERS.map((t) => [...t]).sort());
});

describe.each(TIMERS)('%s/%s', (fn, trigger) => {
  const timerEvent = { Type: 'Timer', TriggerName: trigger, Time: '2026-12-01T00:00:00Z', Message: '' };

  test('refuses an anonymous call with a Timer event and writes nothing', async () => {
    const reply = await f.expectNothingWritten(() => post(`/api/functions/${fn}`, timerEvent));
    expect(reply.body).toMatchObject(notScheduler);
  });

  test('refuses a signed-in call with a Timer event and writes nothing', async () => {
    const reply = await f.expectNothingWritten(() =>
      post(`/api/functions/${fn}`, timerEvent, { 'x-local-openid': demoPersonas.admin }),
    );
    expect(reply.body).toMatchObject(notScheduler);
  });

  test('refuses a Timer event that forges the platform context in its body and writes nothing', async () => {
    const forged = {
      ...timerEvent,
      TCB_SOURCE: 'wx_trigger',
      TRIGGER_SRC: 'timer',
      environment: JSON.stringify({ TCB_SOURCE: 'wx_trigger', TRIGGER_SRC: 'timer' }),
      context: { environment: JSON.stringify({ TCB_SOURCE: 'wx_trigger' }) },
    };
    const reply = await f.expectNothingWritten(async () => [
      await post(`/api/functions/${fn}`, forged),
      await post(`/api/functions/${fn}`, { ...forged, Type: 'timer' }),
      await post(`/api/functions/${fn}`, { TriggerName: trigger }),
    ]);
    for (const r of reply) expect(r.body).toMatchObject(notScheduler);
  });

  test('the local timer route refuses a request without the admin token, or with a wrong one', async () => {
    const replies = await f.expectNothingWritten(async () => [
      await post(`/api/local/timers/${fn}/${trigger}`, {}),
      await post(`/api/local/timers/${fn}/${trigger}`, {}, { 'x-local-admin-token': 'guess' }),
      await post(`/api/local/timers/${fn}/${trigger}`, {}, { 'x-local-admin-token': `${f.server.adminToken}x` }),
    ]);
    for (const r of replies) {
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'admin.token' } });
    }
  });
});

test('the scheduler path still runs every job, and so does the timer route with the token', async () => {
  // The points job has work to do: the previous quarter of 东湖社区 is still open.
  expect(f.find('quarter_results', { communityId: OTHER })).toHaveLength(0);
  for (const [fn, trigger] of TIMERS) {
    expect(await f.server.functions.fireTimer(fn, trigger)).toMatchObject({ ok: true });
    const viaRoute = await post(
      `/api/local/timers/${fn}/${trigger}`,
      {},
      { 'x-local-admin-token': f.server.adminToken },
    );
    expect(viaRoute).toMatchObject({ status: 200, body: { ok: true } });
  }
  expect(f.find('quarter_results', { communityId: OTHER })).toHaveLength(1);
});
