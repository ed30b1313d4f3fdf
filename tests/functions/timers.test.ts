/**
 * Timer triggers: the host reads them from config.json and invokes the function as CloudBase
 * does (a Timer event; the context's call source is the trigger, `wx_trigger`, with no
 * caller); the wrapper honours a trigger-shaped event only in such a context (docs/adr/0011).
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
  expect(JSON.parse(context.environment)).toMatchObject({ TCB_SOURCE: 'wx_trigger' });
  expect(lines[0]).toContain('heartbeat/every-second');
});

test('a client call through the host never gets the timer context, whatever its event says', async () => {
  const host = new FunctionHost({ functionsDir, envId: 'local-dev', appid: 'wxtest' });
  const fixture = require(join(functionsDir, 'heartbeat', 'index.js')) as { calls: Array<{ context: any }> };
  const forged = { Type: 'Timer', TriggerName: 'every-second', environment: '{"TCB_SOURCE":"wx_trigger"}' };
  for (const identity of [{}, { openid: 'someone' }]) {
    await host.invoke('heartbeat', forged, identity);
    expect(JSON.parse(fixture.calls.at(-1)!.context.environment).TCB_SOURCE).not.toBe('wx_trigger');
  }
  await host.fireTimer('heartbeat', 'every-second');
  expect(JSON.parse(fixture.calls.at(-1)!.context.environment)).toMatchObject({ TCB_SOURCE: 'wx_trigger' });
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
  const context = (environment: Record<string, string>) => ({
    request_id: 'r',
    environment: JSON.stringify(environment),
  });
  const asScheduler = context({ TCB_ENV: 'local-dev', TCB_SOURCE: 'wx_trigger', TRIGGER_SRC: 'timer' });
  const notScheduler = {
    'a signed-in user': context({ TCB_SOURCE: 'wx_client', WX_OPENID: 'someone' }),
    'an anonymous caller': context({ TCB_ENV: 'local-dev' }),
    'an anonymous web caller': context({ TCB_SOURCE: 'web_client' }),
    'an anonymous HTTP caller': context({ TCB_SOURCE: 'wx_http' }),
    'a function called by a client': context({ TCB_SOURCE: 'wx_client,scf' }),
    'a timer source that carries a user': context({ TCB_SOURCE: 'wx_trigger', WX_OPENID: 'someone' }),
    'a timer source that carries a web user': context({ TCB_SOURCE: 'wx_trigger', TCB_UUID: 'u1' }),
    'no context at all': undefined,
  };

  test('runs the job when the scheduler calls', async () => {
    expect(await main({ Type: 'Timer', TriggerName: 'close-quarters' }, asScheduler)).toEqual({
      ok: true,
      data: { closed: 1 },
    });
    expect(runs).toBe(1);
  });

  test.each(Object.entries(notScheduler))('refuses a Timer event from %s and runs nothing', async (_, ctx) => {
    const events = [
      { Type: 'Timer', TriggerName: 'close-quarters' },
      { Type: 'timer', TriggerName: 'close-quarters' },
      { TriggerName: 'close-quarters' },
      { Type: 'Timer', TriggerName: 'close-quarters', action: 'noop', data: {} },
      { Type: 'Timer', TriggerName: 'close-quarters', TCB_SOURCE: 'wx_trigger', environment: '{}' },
    ];
    for (const event of events) {
      expect(await main(event, ctx)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', reason: 'timer.not-scheduler' },
      });
    }
    expect(runs).toBe(1);
  });

  test('refuses a scheduler event that is no timer, and an unknown trigger', async () => {
    expect(await main({ Type: 'Cos', TriggerName: 'close-quarters' }, asScheduler)).toMatchObject({
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
