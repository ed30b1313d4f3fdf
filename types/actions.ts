/**
 * The registry of every action, area by area: its input and result schemas, a one-line
 * summary and every refusal it may give (reason → code). The client's typed `call`, the server
 * routers and docs/api.md (generated, checked by a test) all read from here.
 *
 * Invariants: an action's refusals are its own `refusals` plus `commonRefusals` (declared once
 * here, implied for every action); its error codes are derived from them; the handler checks
 * every refusal a verb gives against them (cloudfunctions/_shared/refusals.ts).
 */
import type { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors';
import { accountActions } from './account';
import { checkinActions } from './checkin';
import { dashboardActions } from './dashboard';
import { deliberationActions } from './deliberation';
import { messagesActions } from './messages';
import { orgActions } from './org';
import { pointsActions } from './points';
import { systemActions } from './system';
import { volunteerActions } from './volunteer';
import { wishActions } from './wish';

/** reason → the code it is given with, e.g. `{ 'wish.already-claimed': 'CONFLICT' }`. */
export type Refusals = { readonly [reason: string]: ErrorCode };

/** Refusals every action may give; implied for every action, never repeated in a spec. */
export const commonRefusals = {
  'input.invalid': 'VALIDATION',
  'auth.no-identity': 'UNAUTHENTICATED',
  'account.no-profile': 'PRECONDITION_FAILED',
  'internal.unexpected': 'INTERNAL',
} as const satisfies Refusals;
export type CommonReason = keyof typeof commonRefusals;

/**
 * Refusals of a function before any action is chosen (an unknown action, a timer event), and
 * the one the handler gives in strict mode for an undeclared refusal. No action declares them.
 */
export const functionRefusals = {
  'action.unknown': 'NOT_FOUND',
  'timer.not-scheduler': 'FORBIDDEN',
  'timer.unknown': 'NOT_FOUND',
  'internal.undeclared-refusal': 'INTERNAL',
} as const satisfies Refusals;

export interface ActionSpec {
  readonly summary: string;
  readonly input: z.ZodType;
  readonly result: z.ZodType;
  /** The action's own refusals (the common ones are implied); the handler checks against them. */
  readonly refusals: Refusals;
}

/** Every refusal of an action: its own and the common ones. */
export function refusalsOf(spec: ActionSpec): Refusals {
  return { ...commonRefusals, ...spec.refusals };
}

/** The code an action declares for a reason, or undefined when it does not declare it. */
export function declaredCode(spec: ActionSpec, reason: string): ErrorCode | undefined {
  const all = refusalsOf(spec);
  return Object.prototype.hasOwnProperty.call(all, reason) ? all[reason] : undefined;
}

/** The error codes an action may return, derived from its refusals, in ERROR_CODES order. */
export function errorCodes(spec: ActionSpec): ErrorCode[] {
  const used = new Set(Object.values(refusalsOf(spec)));
  return ERROR_CODES.filter((code) => used.has(code));
}

export const actions = {
  system: systemActions,
  account: accountActions,
  org: orgActions,
  checkin: checkinActions,
  points: pointsActions,
  wish: wishActions,
  volunteer: volunteerActions,
  deliberation: deliberationActions,
  dashboard: dashboardActions,
  messages: messagesActions,
} as const satisfies Record<string, Record<string, ActionSpec>>;

export type Actions = typeof actions;
export type Area = keyof Actions;
export type ActionName<A extends Area> = keyof Actions[A] & string;
export type ActionInput<A extends Area, N extends ActionName<A>> = Actions[A][N] extends ActionSpec
  ? z.input<Actions[A][N]['input']>
  : never;
export type ActionResult<A extends Area, N extends ActionName<A>> = Actions[A][N] extends ActionSpec
  ? z.output<Actions[A][N]['result']>
  : never;

/** The reasons an action may be refused with: a union the client can branch on. */
export type ActionReason<A extends Area, N extends ActionName<A>> = Actions[A][N] extends {
  readonly refusals: infer R;
}
  ? (keyof R & string) | CommonReason
  : never;
