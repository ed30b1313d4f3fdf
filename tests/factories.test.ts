/**
 * The test factories (tests/support/factories.ts) build documents the product accepts: the org
 * and account documents carry exactly the fields the demo seed stores, and every other document,
 * written into a test server, is read back through its area's actions with a reply that passes
 * the action's result schema (types/actions.ts).
 */
import { actions } from '../types/actions';
import { buildDemoData } from '../emulator/seed/demo-community';
import { expectOk } from './account/helpers';
import {
  aBindingRequest,
  aBuilding,
  aCheckin,
  aCommunity,
  aCouncil,
  aHousehold,
  aLedgerEntry,
  aMessage,
  anActivity,
  anEstate,
  anEvent,
  anOpinion,
  aRegistration,
  aRole,
  aSignup,
  aStreet,
  aTopic,
  aUser,
  aWish,
  aWorkUnit,
  DONGHU,
  FIXTURE_NOW,
} from './support/factories';
import { OTHER, otherPersonas, startFixture, type Fixture } from './support/fixtures';

const demo = buildDemoData(FIXTURE_NOW);
const sorted = (doc: object) => Object.keys(doc).sort();
/** The fields every seeded document of a collection has, and those some have. */
function fieldsOf(docs: object[]): { always: string[]; ever: string[] } {
  const ever = [...new Set(docs.flatMap(sorted))].sort();
  return { always: ever.filter((k) => docs.every((d) => k in d)), ever };
}

describe('org and account factories build the fields the demo seed stores', () => {
  // [factory, its document, the seed's documents, optional fields the factory leaves out]
  const cases: Array<[string, object, object[], string[]?]> = [
    ['aStreet', aStreet(), [demo.street]],
    ['aCommunity', aCommunity(), [demo.community], ['createdAt']],
    ['anEstate', anEstate(), demo.estates],
    ['aBuilding', aBuilding(), demo.buildings, ['gridId']],
    ['aHousehold', aHousehold(), demo.households],
    ['aCouncil', aCouncil(), demo.councils],
    ['aWorkUnit', aWorkUnit(), demo.workUnits],
    ['aUser', aUser(), demo.users, ['title', 'personaOrder']],
    ['aRole', aRole({ kind: 'admin', userId: 'user-x' }), demo.roles],
    ['aBindingRequest', aBindingRequest(), demo.bindingRequests],
  ];
  test.each(cases)(
    '%s has every field the seed always stores, and none it never does',
    (_name, built, seeded, optional = []) => {
      const { always, ever } = fieldsOf(seeded);
      expect(sorted(built)).toEqual(expect.arrayContaining(always.filter((k) => !optional.includes(k))));
      expect(ever).toEqual(expect.arrayContaining(sorted(built)));
    },
  );

  test('aRole keys a role by the scope of its kind, as the product does', () => {
    expect(aRole({ kind: 'admin', userId: 'u' })._id).toBe(`admin:u:${DONGHU.community}`);
    expect(aRole({ kind: 'member', userId: 'u', workUnitId: 'wu' })._id).toBe(`member:u:${DONGHU.community}`);
    expect(aRole({ kind: 'liaison', userId: 'u', workUnitId: 'wu' })._id).toBe('liaison:u:wu');
    expect(() => aRole({ kind: 'estate_leader', userId: 'u' })).toThrow(
      'aRole: a role of kind estate_leader needs its scope field',
    );
    expect(aRole({ kind: 'resident', userId: 'u', householdId: 'hh-1', buildingId: 'b', estateId: 'e' })._id).toBe(
      'resident:u:hh-1',
    );
    expect(aRole({ kind: 'street_admin', userId: 'u', streetId: 's' })._id).toBe('street_admin:u:s');
  });

  test('an override replaces only the field it names', () => {
    expect(anEstate({ name: '新村' })).toMatchObject({
      name: '新村',
      partyBranchName: '新村党支部',
      _id: DONGHU.estate,
    });
    expect(aUser({ _id: 'user-9' })).toMatchObject({ _id: 'user-9', openid: 'openid-user-9' });
  });
});

describe('the other factories build documents the product reads back within its result schemas', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(() => f.stop());

  const resident = otherPersonas.resident;
  const admin = otherPersonas.admin;
  /** Calls `area.action` as `openid`; returns the reply's data, checked against the action's result schema. */
  const read = async <A extends keyof typeof actions>(
    openid: string,
    area: A,
    action: keyof (typeof actions)[A] & string,
    input: object,
  ): Promise<any> => {
    const spec = (actions[area] as Record<string, { result: Parameters<typeof expectOk>[1] }>)[action]!;
    return expectOk(await f.call(openid, area, action, input), spec.result);
  };

  test('aWish: wish.get shows it to its poster', async () => {
    f.insert('wishes', [aWish({ _id: 'wish-factory' })]);
    const wish = await read(resident, 'wish', 'get', { wishId: 'wish-factory' });
    expect(wish).toMatchObject({ id: 'wish-factory', state: 'published', title: '需要帮忙修水管' });
  });

  test('anActivity and aSignup: volunteer.get shows the activity and the caller’s sign-up', async () => {
    const activity = anActivity({
      _id: 'act-factory',
      freeSlots: 9,
      confirmedCount: 1,
      holders: ['user-other-resident'],
    });
    f.insert('activities', [activity]);
    f.insert('signups', [aSignup({ activityId: 'act-factory', userId: 'user-other-resident', userName: '孔令辉' })]);
    const seen = await read(resident, 'volunteer', 'get', { activityId: 'act-factory' });
    expect(seen).toMatchObject({ id: 'act-factory', title: activity.title });
    expect(JSON.stringify(seen)).toContain('confirmed');
  });

  test('aTopic and anOpinion: deliberation.get and listOpinions show them', async () => {
    f.insert('topics', [aTopic({ _id: 'topic-factory' })]);
    f.insert('opinions', [
      anOpinion({ _id: 'opinion-factory', topicId: 'topic-factory', authorId: 'user-other-admin' }),
    ]);
    expect(await read(resident, 'deliberation', 'get', { topicId: 'topic-factory' })).toMatchObject({
      id: 'topic-factory',
      step: 'collect',
    });
    const opinions = await read(resident, 'deliberation', 'listOpinions', { topicId: 'topic-factory' });
    expect(opinions.items.map((o: { id: string }) => o.id)).toEqual(['opinion-factory']);
  });

  test('anEvent and aCheckin: checkin.listEvents and listAttendance show them', async () => {
    f.insert('events', [anEvent({ _id: 'event-factory', startAt: new Date(Date.now() + 24 * 3_600_000) })]);
    f.insert('checkins', [aCheckin({ eventId: 'event-factory', userId: 'user-other-resident', userName: '孔令辉' })]);
    const events = await read(admin, 'checkin', 'listEvents', { communityId: OTHER });
    expect(events.items.map((e: { id: string }) => e.id)).toContain('event-factory');
    const attendance = await read(admin, 'checkin', 'listAttendance', { eventId: 'event-factory' });
    expect(attendance.items).toHaveLength(1);
  });

  test('aRegistration: checkin.listRegistrations shows it to the admin', async () => {
    f.insert('work_units', [aWorkUnit()]);
    f.insert('registrations', [aRegistration({ userId: 'user-other-resident', userName: '孔令辉' })]);
    const page = await read(admin, 'checkin', 'listRegistrations', { communityId: OTHER });
    expect(page.items.map((r: { id: string }) => r.id)).toEqual(['reg-user-other-resident']);
  });

  test('aLedgerEntry: points.memberLedger shows it to the admin', async () => {
    f.insert('point_ledger', [aLedgerEntry({ userId: 'user-other-resident', amount: 3 })]);
    const ledger = await read(admin, 'points', 'memberLedger', { communityId: OTHER, userId: 'user-other-resident' });
    expect(JSON.stringify(ledger)).toContain('ledger-test');
  });

  test('aMessage: messages.list shows it to its addressee', async () => {
    f.insert('messages', [aMessage({ _id: 'message-factory', userId: 'user-other-resident' })]);
    const list = await read(resident, 'messages', 'list', {});
    expect(list.items.map((m: { id: string }) => m.id)).toEqual(['message-factory']);
  });
});
