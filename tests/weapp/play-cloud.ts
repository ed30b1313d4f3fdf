/**
 * What the WeChat page tests use to play the cloud and WeChat around a page loaded with
 * `loadTaroPage`: replies in the server's envelope, a cloud that answers by "area.action" and
 * refuses whatever the test does not play, spies on `wx` APIs, and a bounded wait.
 */
import type { CloudCall, CloudHandler } from './load-taro-page';

/** The action a call names (`data.action`). */
export const actionOf = (call: CloudCall): string | undefined => (call.data as { action?: string }).action;

/** The input a call sends with its action (`data.data`). */
export const dataOf = (call: CloudCall): Record<string, unknown> =>
  (call.data as { data?: Record<string, unknown> }).data ?? {};

/** A successful reply carrying `data`. */
export const ok = (data: unknown) => ({ ok: true, data });

/** The reply to a call the test does not play: NOT_FOUND naming it, so a page making it shows an error. */
export const unhandled = (call: CloudCall) => ({
  ok: false,
  error: { code: 'NOT_FOUND', reason: 'test.unhandled', message: `unhandled ${call.name}/${actionOf(call)}` },
});

/** A cloud answering the calls named in `answers` ("area.action" → the reply); any other is `unhandled`. */
export function cloudOf(answers: Record<string, (call: CloudCall) => unknown>): CloudHandler {
  return (call) => {
    const answer = answers[`${call.name}.${actionOf(call)}`];
    return answer ? answer(call) : unhandled(call);
  };
}

/**
 * Replaces one of simulate's wx APIs with a spy that succeeds with `reply` added to its
 * `errMsg` (Taro looks wx APIs up per call, so this works after the page loaded).
 */
export function spyOnWx(name: string, reply: Record<string, unknown> = {}): jest.Mock {
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const spy = jest.fn((options: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
    const res = { errMsg: `${name}:ok`, ...reply };
    options?.success?.(res);
    options?.complete?.(res);
  });
  wx[name] = spy;
  return spy;
}

/** Waits until `check()` holds; after 5 s fails naming `what`. */
export async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
