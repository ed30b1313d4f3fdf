/**
 * Impossible dates through real actions: whatever area takes a date, day or quarter, a text
 * that names no real moment (month 13, 30 February, year 0000, 24:61, garbage) is a VALIDATION
 * error whose `fields` names the field in Chinese, and nothing is written.
 */
import { DEMO, demoPersonas as P, startFixture, type Fixture } from './support/fixtures';
import { expectError } from './account/helpers';
import { openInput } from './deliberation/helpers';
import { wishInput } from './wish/helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

const IMPOSSIBLE_INSTANTS = [
  '2026-13-45T10:00:00+08:00',
  '0000-01-01T00:00:00+08:00',
  '2026-02-30T10:00:00+08:00',
  '2027-02-29T10:00:00+08:00',
  '2026-12-01T24:61:00+08:00',
  '9999-12-31T23:59:59+08:00',
  '1990-06-01T09:00:00+08:00',
  '2026-12-01T10:00:00',
  'next tuesday',
];
const IMPOSSIBLE_DAYS = ['2026-13-45', '0000-01-01', '2026-02-30', '2027-02-29', '1990-06-01', '2026-12-1', 'tomorrow'];

/** Calls as `openid`, expects VALIDATION naming `field` with `message`, and that nothing was written. */
async function refused(openid: string, area: string, action: string, data: object, field: string, message: string) {
  const body = await f.expectNothingWritten(() => f.call(openid, area, action, data));
  const error = expectError(body, 'VALIDATION', 'input.invalid');
  expect(error.fields).toMatchObject({ [field]: message });
  expect(error.message).toContain(message);
}

const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const activity = (over: object) => ({
  communityId: DEMO,
  title: '关爱空巢老人',
  category: 'elderly',
  description: '陪伴社区空巢老人聊天、打扫卫生',
  place: '幸福里小区活动室',
  startAt: soon(24),
  endAt: soon(26),
  signupDeadline: soon(23),
  quota: 10,
  pointsPerHour: 4,
  audience: 'everyone',
  ...over,
});
const event = (over: object) => ({
  communityId: DEMO,
  title: '楼道清洁志愿活动',
  kind: 'volunteer',
  place: '幸福里1号楼',
  startAt: soon(2),
  endAt: soon(4),
  ...over,
});

describe.each(IMPOSSIBLE_INSTANTS)('the time %s', (text) => {
  test('is refused as a volunteer activity start, naming 开始时间, and nothing is written', async () => {
    await refused(
      P.admin,
      'volunteer',
      'publish',
      activity({ startAt: text }),
      'startAt',
      '开始时间不是有效的日期时间',
    );
  });

  test('is refused as a check-in event end, naming 结束时间, and nothing is written', async () => {
    await refused(P.admin, 'checkin', 'createEvent', event({ endAt: text }), 'endAt', '结束时间不是有效的日期时间');
  });

  test('is refused as a topic’s opinion deadline, naming it, and nothing is written', async () => {
    await refused(
      P.leader,
      'deliberation',
      'open',
      openInput({ collectEndsAt: text }),
      'collectEndsAt',
      '意见收集截止时间不是有效的日期时间',
    );
  });

  test('is refused as a corrected check-out, naming 签退时间, and nothing is written', async () => {
    await refused(
      P.admin,
      'volunteer',
      'correctAttendance',
      {
        activityId: 'act-none',
        userId: 'user-member',
        state: 'completed',
        checkedInAt: '2026-11-29T09:00:00+08:00',
        checkedOutAt: text,
        reason: '补录签退',
      },
      'checkedOutAt',
      '签退时间不是有效的日期时间',
    );
  });
});

describe.each(IMPOSSIBLE_DAYS)('the day %s', (text) => {
  test('is refused as a wish’s wanted-by date, naming 期望日期, and nothing is written', async () => {
    await refused(P.resident, 'wish', 'post', wishInput({ wantedBy: text }), 'wantedBy', '期望日期不是有效的日期');
  });

  test('is refused as the start of a dashboard range, naming 开始日期', async () => {
    await refused(
      P.admin,
      'dashboard',
      'overview',
      { communityId: DEMO, from: text, to: '2026-11-30' },
      'from',
      '开始日期不是有效的日期',
    );
  });
});

test.each(['2026Q5', '2026Q0', '0000Q1', '2026-Q4', '2026q4'])(
  'the quarter %s is refused by the quarter report, naming 考核季度, and nothing is written',
  async (quarter) => {
    await refused(
      P.admin,
      'points',
      'closeQuarter',
      { communityId: DEMO, quarter },
      'quarter',
      '考核季度不是有效的季度',
    );
  },
);

test('a missing date names the field as required', async () => {
  const { startAt: _omitted, ...rest } = activity({});
  await refused(P.admin, 'volunteer', 'publish', rest, 'startAt', '请填写开始时间');
});

test('a valid Shanghai time with another offset is still accepted (control)', async () => {
  const start = new Date(Date.now() + 48 * 3_600_000);
  const body = await f.call(
    P.admin,
    'checkin',
    'createEvent',
    event({ startAt: start.toISOString(), endAt: new Date(start.getTime() + 3_600_000).toISOString() }),
  );
  expect(body.ok).toBe(true);
});
