/**
 * Every volunteer action, table-driven: unknown input is VALIDATION, an anonymous caller is
 * UNAUTHENTICATED, the admin of another community is FORBIDDEN, and a plain resident is
 * FORBIDDEN where only organisers may act — and none of these refusals writes anything.
 */
import { DEMO, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { expectError, publish } from './helpers';

let f: Fixture;
let activityId = '';

beforeAll(async () => {
  f = await startFixture();
  activityId = (await publish(f, { title: '楼道清洁' })).id;
});
afterAll(() => f.stop());

const call = (openid: string | null, action: string, data: Record<string, unknown>) =>
  f.call(openid, 'volunteer', action, data);

/** A valid input per action (built lazily: the activity id exists only after beforeAll). */
const inputs: Record<string, () => Record<string, unknown>> = {
  publish: () => ({
    communityId: DEMO,
    title: '义务理发',
    category: 'elderly',
    description: '为社区老人义务理发',
    place: '幸福里小区活动室',
    startAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
    endAt: new Date(Date.now() + 50 * 3600_000).toISOString(),
    signupDeadline: new Date(Date.now() + 47 * 3600_000).toISOString(),
    quota: 5,
    pointsPerHour: 2,
    audience: 'everyone',
  }),
  edit: () => ({ activityId, title: '楼道大扫除' }),
  cancel: () => ({ activityId, reason: '天气原因取消' }),
  list: () => ({ communityId: DEMO }),
  get: () => ({ activityId }),
  signUp: () => ({ activityId }),
  liveCode: () => ({ activityId, direction: 'in' }),
  roster: () => ({ activityId }),
  correctAttendance: () => ({ activityId, userId: 'user-member', state: 'no_show', reason: '核实未到场' }),
  myHours: () => ({ communityId: DEMO }),
  exportRoster: () => ({ activityId }),
  reconcile: () => ({ activityId }),
};
const organiserOnly = [
  'publish',
  'edit',
  'cancel',
  'liveCode',
  'roster',
  'correctAttendance',
  'exportRoster',
  'reconcile',
];

describe.each(Object.keys(inputs))('volunteer.%s', (action) => {
  test('refuses an unknown input field as VALIDATION and writes nothing', async () => {
    await f.expectNothingWritten(async () =>
      expectError(
        await call(demoPersonas.admin, action, { ...inputs[action]!(), bogus: 1 }),
        'VALIDATION',
        'input.invalid',
      ),
    );
  });

  test('refuses an anonymous caller as UNAUTHENTICATED and writes nothing', async () => {
    await f.expectNothingWritten(async () =>
      expectError(await call(null, action, inputs[action]!()), 'UNAUTHENTICATED', 'auth.no-identity'),
    );
  });

  test("refuses another community's admin as FORBIDDEN and writes nothing", async () => {
    await f.expectNothingWritten(async () =>
      expectError(await call(otherPersonas.admin, action, inputs[action]!()), 'FORBIDDEN'),
    );
  });

  if (organiserOnly.includes(action)) {
    test('refuses a resident who does not organise it as FORBIDDEN and writes nothing', async () => {
      await f.expectNothingWritten(async () =>
        expectError(await call(demoPersonas.resident, action, inputs[action]!()), 'FORBIDDEN'),
      );
    });
  }
});
