/**
 * Helpers for the checkin-area tests: error/result assertions (shared with the account tests),
 * events whose window lies around the real clock (the server's clock cannot be changed from a
 * test; an event further in the past than a new one may start is created ahead and then moved
 * back in the database), codes signed in the test with an event's stored secret, and the demo
 * resident's 报到 (as a member, and of a new work unit) with the admin's decisions on them.
 */
import { Attendance, CheckinEvent, Registration, UnitRegistration } from '../../types/checkin';
import { signCode } from '../../cloudfunctions/_shared/qr';
import { DEMO, demoPersonas, type Fixture } from '../support/fixtures';
import { expectError, expectOk } from '../account/helpers';

export { expectError, expectOk };

const MIN = 60 * 1000;

/** Sets fields of one document directly (test set-up only). */
export function patch(f: Fixture, collection: string, id: string, data: Record<string, unknown>): void {
  f.update(collection, id, data);
}

/**
 * Marks people's profiles as saying Party member (政治面貌 中共党员), as they would in 我的 →
 * 修改资料 — the condition of a 党员报到 for anyone without a Party member role (test set-up only).
 */
export function declarePartyMembers(f: Fixture, ...openids: string[]): void {
  for (const openid of openids) {
    const [user] = f.find('users', { openid });
    if (!user) throw new Error(`no user with openid ${openid}`);
    f.update('users', user._id as string, { partyMember: true });
  }
}

/** Moves a stored event to start `startIn` minutes from now (its length kept); returns it as moved. */
export function moveEvent(f: Fixture, event: CheckinEvent, startIn: number): CheckinEvent {
  const start = Date.now() + startIn * MIN;
  const end = start + Date.parse(event.endAt) - Date.parse(event.startAt);
  const times = { startAt: new Date(start), endAt: new Date(end), checkinOpensAt: new Date(start - 30 * MIN) };
  patch(f, 'events', event.id, times);
  return {
    ...event,
    startAt: times.startAt.toISOString(),
    endAt: times.endAt.toISOString(),
    checkinOpensAt: times.checkinOpensAt.toISOString(),
  };
}

/**
 * Creates an event starting `startIn` minutes from now and lasting `minutes`; returns it. One
 * that started more than half an hour ago is created in an hour and moved back (a new event may
 * not start in the past).
 */
export async function makeEvent(
  f: Fixture,
  opts: { startIn?: number; minutes?: number; title?: string; openid?: string; communityId?: string } = {},
): Promise<CheckinEvent> {
  const startIn = opts.startIn ?? -10;
  if (startIn < -30) return moveEvent(f, await makeEvent(f, { ...opts, startIn: 60 }), startIn);
  const start = Date.now() + startIn * MIN;
  const body = await f.call(opts.openid ?? demoPersonas.admin, 'checkin', 'createEvent', {
    communityId: opts.communityId ?? DEMO,
    title: opts.title ?? '十一月主题党日',
    kind: 'party_day',
    place: '社区党群服务中心',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + (opts.minutes ?? 70) * MIN).toISOString(),
  });
  return expectOk(body, CheckinEvent);
}

/** The event's QR secret, read from the database (never sent to clients). */
export function secretOf(f: Fixture, eventId: string): string {
  const event = f.find('events', { _id: eventId })[0];
  if (!event) throw new Error(`no event ${eventId}`);
  return event.qrSecret as string;
}

/** A code for the event signed with its own secret, as of `offsetSeconds` from now. */
export function codeFor(f: Fixture, eventId: string, offsetSeconds = 0, secret?: string): string {
  return signCode(secret ?? secretOf(f, eventId), 'event', eventId, new Date(Date.now() + offsetSeconds * 1000)).code;
}

/** A member's stored balance in a community (0 without a balance document). */
export function balanceOf(f: Fixture, communityId: string, userId: string): number {
  return (f.find('point_balances', { _id: `${communityId}:${userId}` })[0]?.balance as number | undefined) ?? 0;
}

/** The demo admin records the demo member's attendance at an event (补录, their phone was flat); returns it. */
export async function recordMember(f: Fixture, eventId: string): Promise<Attendance> {
  const body = await f.call(demoPersonas.admin, 'checkin', 'recordAttendance', {
    eventId,
    userId: 'user-member',
    reason: '手机没电',
  });
  return expectOk(body, Attendance);
}

/** The demo resident's 党员报到: at the hospital, from 1-102, for elderly care. */
export const memberInput = {
  communityId: DEMO,
  workUnitId: 'wu-hospital',
  householdId: 'hh-xfl-1-102',
  intentions: ['elderly'],
};

/** The demo resident registers as a member (`memberInput`); returns the pending registration. */
export async function registerMember(f: Fixture): Promise<Registration> {
  return expectOk(await f.call(demoPersonas.resident, 'checkin', 'registerMember', memberInput), Registration);
}

/** The demo admin decides a member's registration (`data`: the decision, a reason); returns the envelope. */
export function decideRegistration(f: Fixture, registrationId: string, data: object): Promise<any> {
  return f.call(demoPersonas.admin, 'checkin', 'decideRegistration', { registrationId, ...data });
}

/** The demo resident applies to register a new work unit `name` (党组织 `${name}党支部`); returns the application. */
export async function applyForUnit(f: Fixture, name: string): Promise<UnitRegistration> {
  const body = await f.call(demoPersonas.resident, 'checkin', 'registerWorkUnit', {
    communityId: DEMO,
    name,
    partyOrgName: `${name}党支部`,
    contactPhone: '13912345678',
  });
  return expectOk(body, UnitRegistration);
}

/** The demo admin decides a work unit's application; returns the envelope. */
export function decideUnit(f: Fixture, unitRegistrationId: string, data: object): Promise<any> {
  return f.call(demoPersonas.admin, 'checkin', 'decideUnitRegistration', { unitRegistrationId, ...data });
}
