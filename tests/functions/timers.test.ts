/**
 * Timer triggers: the host reads them from config.json and invokes the function as CloudBase
 * does (a Timer event, no caller); the wrapper honours a Timer event only without a caller.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { createHandler, defineRoutes } from '../../cloudfunctions/_shared/handler';
import { FunctionHost } from '../../emulator/host/function-host';

const functionsDir = join(__dirname, '..', 'fixtures', 'functions');

test('the host lists timer triggers from config.json and runs them on schedule with no caller', async () => {
  const host = new FunctionHost({ functionsDir, envId: 'local-dev', appid: 'wxtest' });
  expect(host.timers()).toEqual([{ functionName: 'heartbeat', triggerName: 'every-second' }]);
  const fixture = require(join(functionsDir, 'heartbeat', 'index.js')) as {
    calls: Array<{ event: any; context: any }>;
  };
  const lines: string[] = [];
  const timers = host.startTimers((line) => lines.push(line));
  await new Promise((resolve) => setTimeout(resolve, 2300));
  timers.stop();
  expect(fixture.calls.length).toBeGreaterThanOrEqual(1);
  const { event, context } = fixture.calls[0]!;
  expect(event).toMatchObject({ Type: 'Timer', TriggerName: 'every-second' });
  expect(JSON.parse(context.environment)).not.toHaveProperty('WX_OPENID');
  expect(lines[0]).toContain('heartbeat/every-second');
});

describe('a function with a timer job', () => {
  let runs = 0;
  const main = createHandler(
    'test',
    defineRoutes(
      { noop: { summary: 'x', input: z.object({}), result: z.object({}), refusals: {} } },
      { noop: async () => ({}) },
    ),
    {
      timers: {
        'close-quarters': async () => {
          runs++;
          return { closed: 1 };
        },
      },
    },
  );
  const asUser = { request_id: 'r', environment: JSON.stringify({ WX_OPENID: 'someone' }) };
  const asScheduler = { request_id: 'r', environment: JSON.stringify({ TCB_ENV: 'local-dev' }) };

  test('runs the job when the scheduler calls', async () => {
    expect(await main({ Type: 'Timer', TriggerName: 'close-quarters' }, asScheduler)).toEqual({
      ok: true,
      data: { closed: 1 },
    });
    expect(runs).toBe(1);
  });

  test('refuses a user who sends a Timer event, and an unknown trigger', async () => {
    expect(await main({ Type: 'Timer', TriggerName: 'close-quarters' }, asUser)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'timer.not-scheduler' },
    });
    expect(await main({ Type: 'Timer', TriggerName: 'nope' }, asScheduler)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', reason: 'timer.unknown' },
    });
    expect(runs).toBe(1);
  });
});
