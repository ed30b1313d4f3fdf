/**
 * Helpers for the volunteer tests: publishing activities around the real clock, adding many
 * residents straight into the database (for the sign-up race), moving an activity's or a
 * sign-up's times in the database (the server's clock cannot be changed), and signed codes.
 */
import { Activity } from '../../types/volunteer';
import { signCode } from '../../cloudfunctions/_shared/qr';
import { aUser } from '../support/factories';
import { DEMO, demoPersonas, insertPeople, type Fixture } from '../support/fixtures';
import { expectError, expectOk } from '../account/helpers';

export { expectError, expectOk };

export const MIN = 60 * 1000;

export async function publish(
  f: Fixture,
  opts: {
    startIn?: number;
    minutes?: number;
    deadlineIn?: number;
    quota?: number;
    title?: string;
    openid?: string;
    communityId?: string;
    audience?: 'everyone' | 'members' | 'work_unit';
    workUnitId?: string;
    pointsPerHour?: number;
  } = {},
): Promise<Activity> {
  const start = Date.now() + (opts.startIn ?? 24 * 60) * MIN;
  const deadline = opts.deadlineIn === undefined ? start - 60 * MIN : Date.now() + opts.deadlineIn * MIN;
  const body = await f.call(opts.openid ?? demoPersonas.admin, 'volunteer', 'publish', {
    communityId: opts.communityId ?? DEMO,
    title: opts.title ?? '关爱空巢老人',
    category: 'elderly',
    description: '陪伴社区空巢老人聊天、打扫卫生',
    place: '幸福里小区活动室',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + (opts.minutes ?? 120) * MIN).toISOString(),
    signupDeadline: new Date(deadline).toISOString(),
    quota: opts.quota ?? 10,
    pointsPerHour: opts.pointsPerHour ?? 4,
    audience: opts.audience ?? 'everyone',
    ...(opts.workUnitId ? { workUnitId: opts.workUnitId } : {}),
  });
  return expectOk(body, Activity);
}

/** Sets fields of one document directly (test set-up only). */
export function patch(f: Fixture, collection: string, id: string, data: Record<string, unknown>): void {
  f.update(collection, id, data);
}

/** `n` residents of 幸福里 with openids `${prefix}-<i>` (users + resident roles). */
export function addResidents(f: Fixture, prefix: string, n: number): string[] {
  const now = new Date();
  const users = Array.from({ length: n }, (_, i) =>
    aUser({
      _id: `user-${prefix}-${i}`,
      openid: `${prefix}-${i}`,
      name: `志愿者${i}`,
      phone: `136${String(i).padStart(8, '0')}`,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return insertPeople(f, users, {
    kind: 'resident',
    communityId: DEMO,
    estateId: 'estate-xfl',
    buildingId: 'bld-xfl-1',
    householdId: 'hh-test',
    scopeLabel: '测试',
    grantedAt: now,
  });
}

export function secretOf(f: Fixture, activityId: string): string {
  return f.find('activities', { _id: activityId })[0]!.qrSecret as string;
}

export function codeFor(f: Fixture, activityId: string, dir: 'in' | 'out', offsetSeconds = 0): string {
  return signCode(
    secretOf(f, activityId),
    dir === 'in' ? 'activity-in' : 'activity-out',
    activityId,
    new Date(Date.now() + offsetSeconds * 1000),
  ).code;
}

export function balanceOf(f: Fixture, communityId: string, userId: string): number {
  return (f.find('point_balances', { _id: `${communityId}:${userId}` })[0]?.balance as number | undefined) ?? 0;
}

/**
 * Runs `cancel` (a whole activity's cancellation) while a sign-up of 陈志强 (`user-leader`)
 * commits right before the cancelling write reaches the database, as its transaction would write
 * it (the sign-up, the activity's queue): the cancellation read the queue without it. The
 * activity must have a free place and someone signed up. Returns the cancellation's reply.
 */
export async function cancelRacedBySignUp(f: Fixture, activityId: string, cancel: () => Promise<unknown>) {
  const before = f.find('activities', { _id: activityId })[0]!;
  const [signedUp] = f.find('signups', { activityId });
  const db = f.server.db;
  const handle = db.handle.bind(db);
  let raced = false;
  db.handle = (body) => {
    const cancelling =
      body.action === 'database.modifyDocument' &&
      body.collectionName === 'activities' &&
      String(body.data).includes('cancelReason');
    if (cancelling && !raced) {
      raced = true;
      const seq = before.nextSeq as number;
      f.insert('signups', [{ ...signedUp!, _id: `${activityId}:user-leader`, userId: 'user-leader', seq }]);
      patch(f, 'activities', activityId, {
        nextSeq: seq + 1,
        confirmedCount: (before.confirmedCount as number) + 1,
        freeSlots: (before.freeSlots as number) - 1,
        holders: [...(before.holders as string[]), 'user-leader'],
      });
    }
    return handle(body);
  };
  try {
    return await cancel();
  } finally {
    db.handle = handle;
    expect(raced).toBe(true);
  }
}
