/**
 * The one wrapper every cloud function's `main` is made from.
 *
 * Invariants:
 * - identity comes from the cloud context only (`tcb.getCloudbaseContext(context)`);
 * - input is validated against the action's schema before any verb runs;
 * - every outcome is an envelope `{ ok: true, data } | { ok: false, error }`;
 * - an unknown error is logged with the request id and answered as INTERNAL without its
 *   message, so no internal detail ever reaches a client.
 */
import type { z } from 'zod';
import { AppError, type Envelope } from '../../types/errors';
import type { ActionSpec } from '../../types/actions';
import type { Ctx } from './context';
import { database, tcb } from './database';
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
}

/** The SCF context as CloudBase passes it (only the parts read here). */
export interface CloudContext {
  request_id?: string;
  environment?: string;
  environ?: string;
  [key: string]: unknown;
}

export interface HandlerOptions {
  /** Overrides for tests; production uses the real clock. */
  now?: () => Date;
}

function callerFrom(context: CloudContext | undefined) {
  // parseContext throws on a context without the SCF fields; an absent context is anonymous.
  const env = context ? tcb.getCloudbaseContext(context as never) : tcb.getCloudbaseContext();
  return { openid: env.WX_OPENID || null, appid: env.WX_APPID || null };
}

export function createHandler(area: string, routes: Record<string, Route>, options: HandlerOptions = {}) {
  const now = options.now ?? (() => new Date());
  return async function main(event: CloudEvent, context?: CloudContext): Promise<Envelope<unknown>> {
    const requestId = context?.request_id ?? 'no-request-id';
    try {
      const action = typeof event?.action === 'string' ? event.action : '';
      const route = Object.prototype.hasOwnProperty.call(routes, action) ? routes[action] : undefined;
      if (!route) {
        throw new AppError('NOT_FOUND', 'action.unknown', `不支持的操作：${area}.${action || '（空）'}`);
      }
      const input = parseInput(route.spec.input, event.data);
      const ctx: Ctx = {
        caller: callerFrom(context),
        requestId,
        db: database(),
        runtime: process.env.HONGSE_LOCAL === '1' ? 'local' : 'cloud',
        now,
      };
      const data = await route.run({ ctx, input });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toBody() };
      console.error(`[${area}] ${requestId} unexpected error`, error);
      return { ok: false, error: new AppError('INTERNAL', 'internal.unexpected').toBody() };
    }
  };
}
