/**
 * Counts the database requests each cloud function call makes, the way CloudBase bills them:
 * one per request the SDK sends (`database.*` actions of the CloudBase protocol), so that the
 * count is the production latency of the call (issue #13, part 4).
 *
 * How: the function host runs each call inside an AsyncLocalStorage context; Node's
 * `http.client.request.start` diagnostics channel fires in the caller's async context for every
 * request the SDK sends, whose query names it (`seqId`, unique per request); the local server
 * reports each `/admin` request's seqId and action (`noteServedRequest`), and the two halves meet
 * here. Nothing in the functions or the SDK is changed; requests made outside a call (seeding,
 * tools) are not counted.
 *
 * `HONGSE_REQUEST_LOG=<file>` appends one JSON line per call (`bench/request-counts.ts` reads
 * them); listeners registered with `onMeteredCall` receive the same records in process.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { channel, type Channel } from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';
import type { ClientRequest } from 'node:http';

export interface MeteredCall {
  fn: string;
  action: string;
  /** Database requests the call sent. */
  requests: number;
  /** Of those, the ones that write (insert, update, remove, transaction start/commit/abort). */
  writes: number;
  /** Whether the call answered `{ ok: true }`. */
  ok: boolean;
  /** The refusal's reason when it did not. */
  reason?: string;
}

interface Meter {
  requests: number;
  writes: number;
  /** seqIds of this call's requests the server has not reported yet. */
  unseen: Set<string>;
}

const store = new AsyncLocalStorage<Meter>();
const listeners = new Set<(call: MeteredCall) => void>();
const WRITE = /^database\.(insert|modify|update|remove|delete|start|commit|abort)/i;
/** Client side: a request's seqId → the call that sent it, until the server reports its action. */
const sent = new Map<string, Meter>();
/** Server side: seqId → action, for a request served before its sender's event (rare; bounded). */
const served = new Map<string, string>();
const SERVED_CAP = 10_000;

const active = () => listeners.size > 0 || Boolean(process.env.HONGSE_REQUEST_LOG);

function tally(meter: Meter, seqId: string, action: string): void {
  meter.unseen.delete(seqId);
  if (!action.startsWith('database.')) return;
  meter.requests++;
  if (WRITE.test(action)) meter.writes++;
}

/**
 * The server's half: the request with this `seqId` (the SDK's query parameter) asked for
 * `action`. Called by the local server for every `/admin` request while metering is on.
 */
export function noteServedRequest(seqId: string | null, action: string): void {
  if (!seqId || !active()) return;
  const meter = sent.get(seqId);
  if (meter) {
    sent.delete(seqId);
    tally(meter, seqId, action);
    return;
  }
  if (served.size >= SERVED_CAP) served.delete(served.keys().next().value as string);
  served.set(seqId, action);
}

/**
 * The in-process transport's half: a request asking for `action` was answered in process; it
 * runs in the sender's async context (the call's, if any), so it is counted there at once.
 */
export function noteInProcessRequest(action: string): void {
  if (!active()) return;
  const meter = store.getStore();
  if (meter) tally(meter, '', action);
}

// Held here: Node 20 keeps channels weakly, and a collected channel loses its subscribers.
let requestStart: Channel | undefined;
function ensureSubscribed(): void {
  if (requestStart) return;
  requestStart = channel('http.client.request.start');
  // Published when the request has been sent, in the sender's async context (the call's).
  requestStart.subscribe((message) => {
    const meter = store.getStore();
    if (!meter) return;
    const path = (message as { request: ClientRequest }).request.path;
    if (!path.startsWith('/admin')) return;
    const seqId = new URLSearchParams(path.slice(path.indexOf('?') + 1)).get('seqId');
    if (!seqId) return;
    const action = served.get(seqId);
    if (action !== undefined) {
      served.delete(seqId);
      tally(meter, seqId, action);
    } else {
      meter.unseen.add(seqId);
      sent.set(seqId, meter);
    }
  });
}

/** Receives a record of every call made from now on (returns the unsubscribe). */
export function onMeteredCall(listener: (call: MeteredCall) => void): () => void {
  ensureSubscribed();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function actionOf(event: unknown): string {
  if (typeof event !== 'object' || event === null) return '(none)';
  const e = event as { action?: unknown; Type?: unknown; TriggerName?: unknown };
  if (e.Type === 'Timer') return `timer:${typeof e.TriggerName === 'string' ? e.TriggerName : '?'}`;
  return typeof e.action === 'string' ? e.action : '(none)';
}

function outcomeOf(reply: unknown): { ok: boolean; reason?: string } {
  if (typeof reply !== 'object' || reply === null) return { ok: false };
  const r = reply as { ok?: unknown; error?: { reason?: unknown } };
  if (r.ok === true) return { ok: true };
  return typeof r.error?.reason === 'string' ? { ok: false, reason: r.error.reason } : { ok: false };
}

/** Runs one call of `fn` metered; records it when anyone listens or a log file is set. */
export async function metered<T>(fn: string, event: unknown, run: () => Promise<T>): Promise<T> {
  const logFile = process.env.HONGSE_REQUEST_LOG;
  if (!active()) return run();
  ensureSubscribed();
  const meter: Meter = { requests: 0, writes: 0, unseen: new Set() };
  let outcome: { ok: boolean; reason?: string } = { ok: false, reason: 'function.failed' };
  try {
    const reply = await store.run(meter, run);
    outcome = outcomeOf(reply);
    return reply;
  } finally {
    for (const seqId of meter.unseen) sent.delete(seqId);
    const call: MeteredCall = {
      fn,
      action: actionOf(event),
      requests: meter.requests,
      writes: meter.writes,
      ...outcome,
    };
    for (const listener of listeners) listener(call);
    if (logFile) appendFileSync(logFile, `${JSON.stringify(call)}\n`);
  }
}
