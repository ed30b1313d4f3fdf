/**
 * The one wrapper every cloud function's `main` is made from.
 *
 * Invariants:
 * - identity comes from the cloud context only (`tcb.getCloudbaseContext(context)`);
 * - input is validated against the action's schema before any verb runs;
 * - every refusal is checked against the action's declared refusals (refusals.ts);
 * - every outcome is an envelope `{ ok: true, data } | { ok: false, error }`;
 * - a scheduled job runs only when the platform's timer trigger invokes the function: a timer
 *   event AND a context whose call source is the trigger (`TCB_SOURCE` = `wx_trigger`) with no
 *   caller identity (docs/adr/0011). Any trigger-shaped event from anyone else is refused;
 * - an unknown error is logged with the request id and answered as INTERNAL without its
 *   message, so no internal detail ever reaches a client.
 */
import type { z } from 'zod';
import { AppError, type Envelope } from '../../types/errors';
import type { ActionSpec } from '../../types/actions';
import type { Ctx } from './context';
import { database, tcb } from './database';
import { checkRefusals } from './refusals';
import { parseInput } from './validation';

export interface Route<S extends ActionSpec = ActionSpec> {
  readonly spec: S;
  readonly run: (args: { ctx: Ctx; input: z.output<S['input']> }) => Promise<z.input<S['result']>>;
}

/** Binds each action of an area's spec to its verb; type-checks that every action has one. */
export function defineRoutes<Specs extends Record<string, ActionSpec>>(
  specs: Specs,
  runs: { [K in keyof Specs]: Route<Specs[K]>['run'] },
): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (const name of Object.keys(specs)) {
    routes[name] = { spec: specs[name] as ActionSpec, run: runs[name] as Route['run'] };
  }
  return routes;
}

export interface CloudEvent {
  action?: unknown;
  data?: unknown;
  /** Set by CloudBase on timer-trigger invocations: `Type: 'Timer'` and the trigger's name. */
  Type?: unknown;
  TriggerName?: unknown;
}

/** A scheduled job: runs with no caller; must be idempotent (it may run twice). */
export type TimerJob = (args: { ctx: Ctx }) => Promise<unknown>;

/** The SCF context as CloudBase passes it (only the parts read here). */
export interface CloudContext {
  request_id?: string;
  environment?: string;
  environ?: string;
  [key: string]: unknown;
}

export interface HandlerOptions {
  /** Overrides for tests; production uses the real clock (locally, the emulator's movable one). */
  now?: () => Date;
  /** Timer triggers (config.json `triggers`) by name. */
  timers?: Record<string, TimerJob>;
}

function platformContext(context: CloudContext | undefined) {
  // parseContext throws on a context without the SCF fields; an absent context is anonymous.
  return context ? tcb.getCloudbaseContext(context as never) : tcb.getCloudbaseContext();
}

function callerFrom(context: CloudContext | undefined) {
  const env = platformContext(context);
  return { openid: env.WX_OPENID || null, appid: env.WX_APPID || null };
}

/**
 * True only for the platform's own timer invocation: the call source is exactly the timer
 * trigger (a client call, or a function called by one, carries its own source link) and no
 * caller identity of any kind is present.
 */
function fromScheduler(context: CloudContext | undefined): boolean {
  const env = platformContext(context);
  const identity = env.WX_OPENID || env.WX_UNIONID || env.TCB_UUID || env.TCB_CUSTOM_USER_ID;
  return env.TCB_SOURCE === 'wx_trigger' && !identity;
}

/** The registered symbol under which the local emulator publishes its movable clock (emulator/host/clock.ts). */
const LOCAL_CLOCK_KEY = Symbol.for('hongse.localClock');

/**
 * The local emulator's movable clock, if this function runs under the emulator's function host
 * (`HONGSE_LOCAL=1`, which the real CloudBase runtime never sets) and the host published one;
 * otherwise undefined — in production the machine clock is the only clock.
 */
export function localClock(): (() => Date) | undefined {
  if (process.env.HONGSE_LOCAL !== '1') return undefined;
  const clock = (globalThis as Record<symbol, unknown>)[LOCAL_CLOCK_KEY];
  return typeof clock === 'function' ? (clock as () => Date) : undefined;
}

/** The server's default clock: the machine clock, or locally the emulator's movable one. */
function defaultNow(): Date {
  const local = localClock();
  if (local) {
    const at = local();
    if (at instanceof Date && !Number.isNaN(at.getTime())) return at;
  }
  // The one read of the machine clock on the server: verbs read the time through ctx.now().
  // eslint-disable-next-line local/server-clock -- this is the clock ctx.now() injects
  return new Date();
}

export function createHandler(area: string, routes: Record<string, Route>, options: HandlerOptions = {}) {
  const now = options.now ?? defaultNow;
  const makeCtx = (context: CloudContext | undefined): Ctx => ({
    caller: callerFrom(context),
    requestId: context?.request_id ?? 'no-request-id',
    db: database(),
    runtime: process.env.HONGSE_LOCAL === '1' ? 'local' : 'cloud',
    now,
  });
  /**
   * A trigger-shaped event (`Type` or `TriggerName`) is honoured only from the scheduler (see
   * fromScheduler): the event is the client's to write, the context is the platform's.
   */
  const runTimer = async (event: CloudEvent, context: CloudContext | undefined) => {
    if (String(event.Type).toLowerCase() !== 'timer' || !fromScheduler(context)) {
      throw new AppError('FORBIDDEN', 'timer.not-scheduler', '定时任务只能由系统触发');
    }
    const ctx = makeCtx(context);
    const name = typeof event.TriggerName === 'string' ? event.TriggerName : '';
    const job =
      options.timers && Object.prototype.hasOwnProperty.call(options.timers, name) ? options.timers[name] : undefined;
    if (!job) throw new AppError('NOT_FOUND', 'timer.unknown', `没有名为 ${name || '（空）'} 的定时任务`);
    return job({ ctx });
  };
  return async function main(event: CloudEvent, context?: CloudContext): Promise<Envelope<unknown>> {
    const requestId = context?.request_id ?? 'no-request-id';
    try {
      const triggerShaped = event !== null && typeof event === 'object' && ('Type' in event || 'TriggerName' in event);
      if (triggerShaped) return { ok: true, data: await runTimer(event, context) };
      const action = typeof event?.action === 'string' ? event.action : '';
      const route = Object.prototype.hasOwnProperty.call(routes, action) ? routes[action] : undefined;
      if (!route) {
        throw new AppError('NOT_FOUND', 'action.unknown', `不支持的操作：${area}.${action || '（空）'}`);
      }
      const data = await checkRefusals(`${area}.${action}`, route.spec, async () =>
        route.run({ ctx: makeCtx(context), input: parseInput(route.spec.input, event.data) }),
      );
      return { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toBody() };
      console.error(`[${area}] ${requestId} unexpected error`, error);
      return { ok: false, error: new AppError('INTERNAL', 'internal.unexpected').toBody() };
    }
  };
}
