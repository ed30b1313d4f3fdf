/**
 * A server context for calling verbs and helpers directly (not through a function) against the
 * local server this process started: the SDK's database, the caller `openid` (nobody by
 * default) and the clock `now` (the real one by default).
 */
import type { Ctx } from '../../cloudfunctions/_shared/context';
import { database, type Database } from '../../cloudfunctions/_shared/database';

export function localCtx(o: { openid?: string | null; now?: () => Date; db?: Database; requestId?: string } = {}): Ctx {
  return {
    caller: { openid: o.openid ?? null, appid: null },
    requestId: o.requestId ?? 'test',
    db: o.db ?? database(),
    runtime: 'local',
    now: o.now ?? (() => new Date()),
  };
}
