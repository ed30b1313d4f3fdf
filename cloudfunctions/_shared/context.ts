/**
 * What a verb knows about its call. The caller is the WeChat user of the call, read from the
 * cloud context (`WX_OPENID`), never from the event body; a call without one is anonymous.
 */
import type { Database } from './database';

export interface Caller {
  /** The WeChat OPENID of the caller; null for anonymous calls (e.g. a timer trigger). */
  readonly openid: string | null;
  readonly appid: string | null;
}

export interface Ctx {
  readonly caller: Caller;
  readonly requestId: string;
  readonly db: Database;
  /** 'local' under the emulator's function host, 'cloud' on CloudBase. */
  readonly runtime: 'local' | 'cloud';
  /** The current time; verbs never call `new Date()` themselves, so tests can fix the clock. */
  now(): Date;
}
