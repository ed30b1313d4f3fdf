/**
 * Content safety for user text (wishes, opinions, notes…), one interface in both worlds: the
 * function calls WeChat's `msgSecCheck` (v2) through `openApi()` (./open-api.ts): on CloudBase
 * 云调用 to WeChat's classifier, locally the emulator's word list. Invariants: text that is not
 * "pass" is refused as VALIDATION with a Chinese message per field, before anything is stored;
 * when the check itself cannot run, the text is refused too (fail closed).
 */
import { AppError } from '../../types/errors';
import type { Ctx } from './context';
import { openApi, type ContentScene, type MsgSecCheckReply } from './open-api';

export type { ContentScene };

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
      reply = await openApi().msgSecCheck({ content: text, version: 2, scene, openid: ctx.caller.openid ?? '' });
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
