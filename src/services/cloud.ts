/**
 * The one place the app calls a cloud function. Typed from the action registry in `types/`:
 * `call('account', 'me', {})` knows its input and result. Failures arrive as `AppError`
 * with a Chinese message the UI can show; a network failure is one too, and a server failure
 * says the server failed, not the network (call-failure.ts).
 */
import type { ActionInput, ActionName, ActionReason, ActionResult, Area } from '~types/actions';
import { AppError, type Envelope } from '~types/errors';
import { replyFailure, transportFailure } from './call-failure';
import { invokeFunction } from './transport';

export async function call<A extends Area, N extends ActionName<A>>(
  area: A,
  action: N,
  data: ActionInput<A, N>,
): Promise<ActionResult<A, N>> {
  let reply: unknown;
  try {
    reply = await invokeFunction(area, { action, data });
  } catch (error) {
    throw transportFailure(error);
  }
  const envelope = reply as Envelope<ActionResult<A, N>> | null;
  if (envelope && envelope.ok === true) return envelope.data;
  throw replyFailure(reply);
}

/**
 * Whether `error` is the refusal `reason` of `area.action`. Typed from the action's declared
 * refusals: `isRefusal(e, 'wish', 'claim', 'wish.already-claimed')` compiles, a reason the action
 * cannot give does not.
 */
export function isRefusal<A extends Area, N extends ActionName<A>>(
  error: unknown,
  area: A,
  action: N,
  reason: ActionReason<A, N>,
): error is AppError {
  void area;
  void action;
  return error instanceof AppError && error.reason === reason;
}

/** The Chinese message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return '系统繁忙，请稍后再试';
}
