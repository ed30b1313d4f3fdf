/**
 * Content safety for user text (wishes, opinions, notes…), one interface in both worlds: the
 * function calls WeChat's `msgSecCheck` (v2) through `openApi()` (./open-api.ts): on CloudBase
 * 云调用 to WeChat's classifier, locally the emulator's word list. Invariants: each non-blank
 * field gets one verdict — `pass`, `risky` (WeChat says the text is not acceptable: the caller
 * refuses it as VALIDATION `content.unsafe` before anything is stored, see ./moderation.ts), or
 * `held` with its cause when nobody could decide: WeChat suggests `review`, answers system busy
 * (errcode -1), any other error code, a thrown transport failure, or no answer within
 * CHECK_TIMEOUT_MS. A held text is stored with a 待人工审核 hold, never refused and never lost
 * (docs/adr/0018-open-api-via-cloud-calls.md).
 */
import type { Ctx } from './context';
import { openApi, type ContentScene, type MsgSecCheckReply } from './open-api';

export type { ContentScene };

/** Why a text is held for manual review. */
export type HoldCause = 'review' | 'busy' | 'unavailable' | 'timeout';

export type TextVerdict = { kind: 'pass' } | { kind: 'risky' } | { kind: 'held'; cause: HoldCause };

/** How long one check may take before the text is held instead (the function's timeout is longer). */
export const CHECK_TIMEOUT_MS = 3_000;

/** WeChat's v1 code for risky content, still answered by some gateways. */
const RISKY_CODE = 87014;

class CheckTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`msgSecCheck took over ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The verdict on a reply (or on the error the adapter threw). */
export function verdictOf(reply: MsgSecCheckReply | { thrown: unknown }): TextVerdict {
  if ('thrown' in reply) {
    if (reply.thrown instanceof CheckTimeout) return { kind: 'held', cause: 'timeout' };
    const code = (reply.thrown as { errCode?: unknown } | null)?.errCode;
    return { kind: 'held', cause: code === -1 ? 'busy' : 'unavailable' };
  }
  if (reply.errcode === RISKY_CODE) return { kind: 'risky' };
  if (reply.errcode === -1) return { kind: 'held', cause: 'busy' };
  if (reply.errcode !== 0) return { kind: 'held', cause: 'unavailable' };
  const suggest = reply.result?.suggest;
  if (suggest === 'pass') return { kind: 'pass' };
  if (suggest === 'risky') return { kind: 'risky' };
  if (suggest === 'review') return { kind: 'held', cause: 'review' };
  return { kind: 'held', cause: 'unavailable' };
}

/** One text's verdict (blank text passes without a call). */
export async function checkText(ctx: Ctx, text: string, scene: ContentScene = 2): Promise<TextVerdict> {
  if (!text.trim()) return { kind: 'pass' };
  try {
    const reply = await withTimeout(
      openApi().msgSecCheck({ content: text, version: 2, scene, openid: ctx.caller.openid ?? '' }),
      CHECK_TIMEOUT_MS,
    );
    return verdictOf(reply);
  } catch (error) {
    console.error('[content-check] unavailable, the text is held for manual review', error);
    return verdictOf({ thrown: error });
  }
}
