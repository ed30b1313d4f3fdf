/**
 * Caller checks shared by every area. Roles and scopes arrive with the account area; until
 * then the only question is whether the call has a WeChat identity at all.
 */
import { AppError } from '../../types/errors';
import type { Ctx } from './context';

export function requireOpenid(ctx: Ctx): string {
  if (!ctx.caller.openid) throw new AppError('UNAUTHENTICATED', 'auth.no-identity', '请在微信中打开，或先选择身份');
  return ctx.caller.openid;
}
