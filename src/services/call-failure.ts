/**
 * How a failed cloud call is told to the person: a reply that carries a server failure (an HTTP
 * 5xx, a function that crashed or could not run — WeChat's `-50xxxx` codes — or an `INTERNAL`
 * error envelope) says the server failed; only a call that never got a reply (no connection, a
 * timeout) says the network failed. Pure: no Taro, so it is unit-tested in Node.
 */
import { AppError, type Envelope } from '~types/errors';

export const SERVER_FAILED = '服务器出错了，请稍后再试';
export const NETWORK_FAILED = '网络连接失败，请检查网络后重试';

/** Thrown by a transport that received a reply which is not an envelope (e.g. an HTTP 502 page). */
export class ServerReplyError extends Error {
  constructor(readonly status: number) {
    super(`server replied ${status} without an envelope`);
    this.name = 'ServerReplyError';
  }
}

/** What a transport failure says about where it happened, from its text (WeChat `errMsg`, fetch). */
const NETWORK_MARKERS =
  /request:fail|network|timeout|timed out|failed to fetch|load failed|offline|internet|connection|ECONNREFUSED|ECONNRESET|ENOTFOUND/i;
const SERVER_MARKERS = /functions? execute fail|function not found|internal server error|-50\d{4}|-40\d{4}/i;

function textOf(error: unknown): string {
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return '';
  const e = error as { errMsg?: unknown; message?: unknown; errCode?: unknown };
  return [e.errMsg, e.message, e.errCode].filter((v) => typeof v === 'string' || typeof v === 'number').join(' ');
}

/** The error for a call whose transport threw. */
export function transportFailure(error: unknown): AppError {
  if (error instanceof ServerReplyError) return new AppError('INTERNAL', 'server.failed', SERVER_FAILED);
  const text = textOf(error);
  if (!NETWORK_MARKERS.test(text) && SERVER_MARKERS.test(text)) {
    return new AppError('INTERNAL', 'server.failed', SERVER_FAILED);
  }
  return new AppError('INTERNAL', 'network.unavailable', NETWORK_FAILED);
}

/** The error for a reply that is not a success: the server's refusal as it said, a failure as the server's. */
export function replyFailure(reply: unknown): AppError {
  const envelope = reply as Envelope<unknown> | null;
  const error = AppError.fromBody(envelope && envelope.ok === false ? envelope.error : null);
  if (error.code !== 'INTERNAL') return error;
  return new AppError('INTERNAL', error.reason, SERVER_FAILED);
}

/**
 * What a person must do before a screen can show them anything: sign in (in the local demo,
 * choose a persona), register a profile, or bind a household. The page shows the shared lead
 * (src/shared/ui/need-view.tsx) for these instead of an error.
 */
export type Need = 'sign-in' | 'profile' | 'bind';

/** Refusals that mean "register your profile first". */
export const PROFILE_REASONS: readonly string[] = ['account.no-profile', 'wish.no-profile'];

/** Refusals (FORBIDDEN) that mean "you belong to no community here: bind a household first". */
export const BIND_REASONS: readonly string[] = [
  'wish.not-resident',
  'wish.not-in-community',
  'topic.not-in-community',
  'volunteer.not-in-community',
  'checkin.not-in-community',
  'points.not-in-community',
];

/** The step a refusal asks the person to take first, or null when it is an ordinary error. */
export function needOf(error: unknown): Need | null {
  if (!(error instanceof AppError)) return null;
  if (error.code === 'UNAUTHENTICATED') return 'sign-in';
  if (PROFILE_REASONS.includes(error.reason)) return 'profile';
  if (error.code === 'FORBIDDEN' && BIND_REASONS.includes(error.reason)) return 'bind';
  return null;
}
