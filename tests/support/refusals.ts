/**
 * Asserting a refused call: the envelope's code, its reason (the declared refusal, see
 * types/<area>.ts `refusals`) and a Chinese message for the person; and, for a call through the
 * test server, that the refusal wrote nothing.
 */
import type { Fixture } from './fixtures';

/** Asserts a refused envelope with `code` (and `reason`, when given); returns its error body. */
export function expectError(body: any, code: string, reason?: string) {
  expect(body).toMatchObject({ ok: false, error: { code, ...(reason ? { reason } : {}) } });
  expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  return body.error;
}

/** Calls `area.action` as `openid`, expects the error `code` (and `reason`) and that nothing was written. */
export async function expectRefusedIn(
  f: Fixture,
  area: string,
  openid: string | null,
  action: string,
  data: unknown,
  code: string,
  reason?: string,
): Promise<any> {
  return f.expectNothingWritten(async () => {
    const reply = await f.call(openid, area, action, data);
    expectError(reply, code, reason);
    return reply;
  });
}

/** `expectRefusedIn` bound to one area: `(f, openid, action, data, code, reason?)`. */
export const refusalsOf =
  (area: string) =>
  (f: Fixture, openid: string | null, action: string, data: unknown, code: string, reason?: string): Promise<any> =>
    expectRefusedIn(f, area, openid, action, data, code, reason);
