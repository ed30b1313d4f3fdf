/**
 * Helpers for the points tests: crediting points directly through the shared ledger (as the
 * other areas do) at a chosen time, the quarters relative to today, the demo's members, and
 * refusal checks that also prove nothing was written.
 */
import type { Ctx } from '../../cloudfunctions/_shared/context';
import { database } from '../../cloudfunctions/_shared/database';
import { credit, type CreditInput, type LedgerDoc } from '../../cloudfunctions/_shared/ledger';
import { previousQuarter, quarterOf, quarterRange } from '../../types/time';
import { buildDemoData } from '../../emulator/seed/demo-community';
import { refusalsOf } from '../support/refusals';
import { defaultPointRules } from '../../cloudfunctions/_shared/point-rules';
import { DEMO, demoPersonas, type Fixture } from '../support/fixtures';

export { expectError, expectOk } from '../account/helpers';

/** The quarter we are in, the one before (finished, closable) and the next one (future). */
export const CURRENT = quarterOf(new Date());
export const PREVIOUS = previousQuarter(CURRENT);
export const NEXT = (() => {
  const end = quarterRange(CURRENT).end;
  return quarterOf(new Date(end.getTime() + 1000));
})();

/** An instant inside a quarter (its second day, noon in Shanghai). */
export function inQuarter(quarter: string, offsetMs = 0): Date {
  return new Date(quarterRange(quarter).start.getTime() + 36 * 3600_000 + offsetMs);
}

export function ctxAt(at: Date): Ctx {
  return { caller: { openid: null, appid: null }, requestId: 'test', db: database(), runtime: 'local', now: () => at };
}

let counter = 0;
/** Credits an entry as another area would (check-in, volunteer hours, wish), at `at`. */
export async function creditAt(
  at: Date,
  entry: Partial<CreditInput> & Pick<CreditInput, 'userId' | 'amount'>,
): Promise<LedgerDoc> {
  const key = entry.key ?? `test:${Date.now()}:${counter++}`;
  const { entry: stored } = await credit(ctxAt(at), {
    communityId: 'comm-xingfuli',
    reason: 'checkin',
    sourceId: key,
    explanation: `签到：测试活动 +${entry.amount}`,
    createdBy: null,
    ...entry,
    key,
  });
  return stored;
}

const demo = buildDemoData(new Date(0));
/** Demo user ids of the in-office members of a work unit. */
export function unitMemberIds(workUnitId: string): string[] {
  return demo.roles.filter((r) => r.kind === 'member' && r.workUnitId === workUnitId).map((r) => r.userId);
}
/** Demo user ids of every member (any member type) of 幸福里. */
export const allMemberIds = demo.roles.filter((r) => r.kind === 'member').map((r) => r.userId);
export function userName(userId: string): string {
  return demo.users.find((u) => u._id === userId)?.name ?? userId;
}

/** People of 幸福里 with roles, none of them an admin. */
export const nonAdmins: Array<[string, string]> = [
  ['a resident', 'demo-resident'],
  ['a building leader', 'demo-leader'],
  ['a Party member', 'demo-member'],
  ['a liaison', 'demo-liaison'],
  ['a person without a profile', 'openid-never-seen'],
];

/** Calls points.<action> as `openid`, expects the error `code` (Chinese message) and that nothing changed. */
export const expectRefused = refusalsOf('points');

export { auditOf } from '../support/fixtures';

const { registration, checkin, volunteerHour, wishFulfilled, deliberation, quarterThreshold } = defaultPointRules;

/**
 * 幸福里's admin saves the point rules through points.updateRules: the points per act and the
 * quarter's threshold at their defaults, `patch` over them (e.g. integrity limits); the reply.
 */
export function saveDemoRules(f: Fixture, patch: object = {}): Promise<any> {
  return f.call(demoPersonas.admin, 'points', 'updateRules', {
    communityId: DEMO,
    registration,
    checkin,
    volunteerHour,
    wishFulfilled,
    deliberation,
    quarterThreshold,
    ...patch,
  });
}
