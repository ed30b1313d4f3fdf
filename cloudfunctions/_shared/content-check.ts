/**
 * Content safety for user text (wishes, opinions, notes…), one interface in both worlds: the
 * function calls WeChat's `msgSecCheck` (v2) through the SDK's open-API channel; on CloudBase
 * that is WeChat's classifier, locally the emulator's word list. Invariants: text that is not
 * "pass" is refused as VALIDATION with a Chinese message per field, before anything is stored;
 * when the check itself cannot run, the text is refused too (fail closed).
 */
import { AppError } from '../../types/errors';
import type { Ctx } from './context';
import { cloudbase } from './database';

/** WeChat's scenes: 1 profile, 2 comment, 3 forum post, 4 social log. */
export type ContentScene = 1 | 2 | 3 | 4;

interface MsgSecCheckReply {
  errcode?: number;
  result?: { suggest?: string };
}

export async function assertSafeText(
  ctx: Ctx,
  fields: Record<string, string | null | undefined>,
  scene: ContentScene = 2,
): Promise<void> {
  const refused: Record<string, string> = {};
  for (const [field, text] of Object.entries(fields)) {
    if (!text || !text.trim()) continue;
    let reply: MsgSecCheckReply;
    try {
      const res = await cloudbase().callWxOpenApi({
        apiName: '/wxa/msg_sec_check',
        requestData: { content: text, version: 2, scene, openid: ctx.caller.openid ?? '' },
      });
      reply = (res as { result?: MsgSecCheckReply }).result ?? {};
    } catch (error) {
      console.error('[content-check] unavailable', error);
      throw new AppError('INTERNAL', 'content.check-unavailable', '内容安全检查暂时不可用，请稍后再试');
    }
    if (reply.errcode !== 0)
      throw new AppError('INTERNAL', 'content.check-unavailable', '内容安全检查暂时不可用，请稍后再试');
    if (reply.result?.suggest !== 'pass') refused[field] = '内容可能含有不当信息，请修改后再提交';
  }
  const first = Object.keys(refused)[0];
  if (first) throw new AppError('VALIDATION', 'content.unsafe', '内容可能含有不当信息，请修改后再提交', refused);
}
