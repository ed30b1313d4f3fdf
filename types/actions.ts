/**
 * The registry of every action, area by area: its input and result schemas, a one-line
 * summary and the error codes it may return. The client's typed `call`, the server routers
 * and docs/api.md (generated, checked by a test) all read from here.
 */
import type { z } from 'zod';
import type { ErrorCode } from './errors';
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

export interface ActionSpec {
  readonly summary: string;
  readonly input: z.ZodType;
  readonly result: z.ZodType;
  readonly errors: readonly ErrorCode[];
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
