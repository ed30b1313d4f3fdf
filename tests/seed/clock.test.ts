/**
 * The local server's movable clock (emulator/host/clock.ts): under the emulator's function host
 * the functions' ctx.now() and the database's serverDate() follow it; anywhere else — the real
 * CloudBase runtime, where HONGSE_LOCAL is never set — the handler ignores it and reads the
 * machine clock, even when something has published a clock on the global.
 */
import * as tcb from '@cloudbase/node-sdk';
import { z } from 'zod';
import { createHandler, defineRoutes, localClock } from '../../cloudfunctions/_shared/handler';
import {
  clockOffsetMs,
  localNow,
  moveLocalClock,
  resetLocalClock,
  restoreDemoClock,
  setLocalTime,
} from '../../emulator/host/clock';
import { startTestServer, type TestServer } from '../support/in-process-server';

const YEAR = 365 * 24 * 3600_000;

const specs = {
  now: { summary: 'the time', input: z.object({}).strict(), result: z.object({ at: z.string() }), refusals: {} },
};
const main = createHandler('test', defineRoutes(specs, { now: async ({ ctx }) => ({ at: ctx.now().toISOString() }) }));
const nowOf = async () => {
  const reply = (await main({ action: 'now', data: {} })) as { ok: boolean; data: { at: string } };
  return Date.parse(reply.data.at);
};

describe('the handler', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.HONGSE_LOCAL;
  });
  afterEach(() => {
    resetLocalClock();
    if (saved === undefined) delete process.env.HONGSE_LOCAL;
    else process.env.HONGSE_LOCAL = saved;
  });

  test('outside the emulator (no HONGSE_LOCAL) ignores a moved local clock and reads the machine clock', async () => {
    delete process.env.HONGSE_LOCAL;
    setLocalTime(new Date(Date.now() - YEAR));
    expect(localClock()).toBeUndefined();
    const at = await nowOf();
    expect(Math.abs(at - Date.now())).toBeLessThan(5000);
  });

  test('ignores the local clock when HONGSE_LOCAL has any value but 1', async () => {
    for (const value of ['0', 'true', 'yes', '']) {
      process.env.HONGSE_LOCAL = value;
      setLocalTime(new Date(Date.now() - YEAR));
      expect(Math.abs((await nowOf()) - Date.now())).toBeLessThan(5000);
    }
  });

  test('under the emulator (HONGSE_LOCAL=1) follows the local clock back and forward', async () => {
    process.env.HONGSE_LOCAL = '1';
    setLocalTime(new Date(Date.now() - YEAR));
    expect(Math.abs((await nowOf()) - (Date.now() - YEAR))).toBeLessThan(5000);
    moveLocalClock(YEAR + 3 * 24 * 3600_000);
    expect(Math.abs((await nowOf()) - (Date.now() + 3 * 24 * 3600_000))).toBeLessThan(5000);
    resetLocalClock();
    expect(Math.abs((await nowOf()) - Date.now())).toBeLessThan(5000);
  });
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(async () => {
  resetLocalClock();
  await server.stop();
});

describe('the local server', () => {
  test('runs the built functions on the moved clock: system.ping tells the moved time', async () => {
    const past = new Date(Date.now() - 200 * 24 * 3600_000);
    setLocalTime(past);
    const reply = (await server.callAs(null, 'system', 'ping')).body as { data: { serverTime: string } };
    expect(Math.abs(Date.parse(reply.data.serverTime) - past.getTime())).toBeLessThan(5000);
    resetLocalClock();
    const again = (await server.callAs(null, 'system', 'ping')).body as { data: { serverTime: string } };
    expect(Math.abs(Date.parse(again.data.serverTime) - Date.now())).toBeLessThan(5000);
  });

  test("the database's serverDate() follows the moved clock", async () => {
    const db = tcb.init({ env: 'local-dev' }).database();
    const past = new Date(Date.now() - 100 * 24 * 3600_000);
    setLocalTime(past);
    await db.collection('locks').add({ _id: 'clock-probe', holder: 'test', createdAt: db.serverDate() });
    resetLocalClock();
    const { data } = await db.collection('locks').doc('clock-probe').get();
    const stored = new Date((data as Array<{ createdAt: Date }>)[0]!.createdAt).getTime();
    expect(Math.abs(stored - past.getTime())).toBeLessThan(5000);
    expect(Math.abs(localNow().getTime() - Date.now())).toBeLessThan(50);
  });
});

describe("the demo's clock route", () => {
  const clock = async (body?: unknown) => {
    const res = await fetch(`${server.url}/api/local/clock`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  test('moves the clock forward, the functions follow, and a restart on the same data keeps it', async () => {
    const moved = await clock({ advanceMinutes: 7 * 24 * 60 });
    expect(moved.status).toBe(200);
    expect(Math.abs(Date.parse(moved.body.data.now) - (Date.now() + 7 * 24 * 3600_000))).toBeLessThan(5000);
    const ping = (await server.callAs(null, 'system', 'ping')).body as { data: { serverTime: string } };
    expect(Math.abs(Date.parse(ping.data.serverTime) - (Date.now() + 7 * 24 * 3600_000))).toBeLessThan(5000);
    resetLocalClock();
    restoreDemoClock(server.dataDir);
    expect(clockOffsetMs()).toBe(moved.body.data.offsetMs);
  });

  test('refuses to move the clock backward, by nothing, or by more than 60 days a step', async () => {
    const before = clockOffsetMs();
    for (const advanceMinutes of [-60, 0, 1.5, 60 * 24 * 60 + 1, '60']) {
      const reply = await clock({ advanceMinutes });
      expect({ advanceMinutes, status: reply.status, reason: reply.body.error?.reason }).toEqual({
        advanceMinutes,
        status: 400,
        reason: 'clock.bad-step',
      });
    }
    expect(clockOffsetMs()).toBe(before);
  });
});
