/**
 * An organiser's cancellation of a whole activity owes its messages in the cancelling write
 * (ADR 0031): a cancellation that dies before telling leaves the activity cancelled and the
 * messages on it, and the next request that reads the activity (the cancellation's retry, a view,
 * the list) tells everyone who held a place or waited exactly once.
 */
import { MessageList } from '../../types/messages';
import { Activity, ActivityPage, SignupResult } from '../../types/volunteer';
import { crashFixture, crashing } from '../support/crash-points';
import { DEMO, demoPersonas } from '../support/fixtures';
import { cancelRacedBySignUp, expectError, expectOk, publish } from '../volunteer/helpers';

const f = crashFixture();

const call = (openid: string, action: string, data: object) => f.call(openid, 'volunteer', action, data);

const told = (activityId: string) =>
  f
    .find('messages')
    .filter((m) => (m._id as string).startsWith(`volunteer-cancelled:${activityId}:`))
    .map((m) => m.userId as string)
    .sort();

const everyone = ['user-liaison', 'user-member', 'user-resident'];

/** An activity with two places held (member, liaison) and one person waiting (resident). */
async function fullActivity(title: string): Promise<string> {
  const a = await publish(f, { quota: 2, title });
  for (const who of [demoPersonas.member, demoPersonas.liaison, demoPersonas.resident]) {
    expectOk(await call(who, 'signUp', { activityId: a.id }), SignupResult);
  }
  expect(f.find('signups', { _id: `${a.id}:user-resident` })[0]!.state).toBe('waitlisted');
  return a.id;
}

async function cancelDying(activityId: string): Promise<void> {
  const reply = await crashing('volunteer.cancel.before-messages', () =>
    call(demoPersonas.admin, 'cancel', { activityId, reason: '天气原因' }),
  );
  expectError(reply, 'INTERNAL', 'internal.unexpected');
  const activity = f.find('activities', { _id: activityId })[0]!;
  expect(activity.cancelled).toBe(true);
  expect(Object.keys(activity.outbox as object)).toEqual(['cancelled']);
  expect(told(activityId)).toEqual([]);
}

test('a cancellation that dies before telling is told to everyone holding a place or waiting, once, by the next view', async () => {
  const activityId = await fullActivity('取消后查看');
  await cancelDying(activityId);

  const seen = expectOk(await call(demoPersonas.resident, 'get', { activityId }), Activity);
  expect(seen.cancelled).toBe(true);
  expect(told(activityId)).toEqual(everyone);
  expect(f.find('messages', { _id: `volunteer-cancelled:${activityId}:user-resident` })[0]).toMatchObject({
    title: '志愿活动已取消',
    link: `/packages/volunteer/pages/detail/index?id=${activityId}`,
  });
  expect(f.find('activities', { _id: activityId })[0]!.outbox).toEqual({});
  expectOk(await call(demoPersonas.member, 'get', { activityId }), Activity);
  expect(told(activityId)).toEqual(everyone);
});

test('the organiser’s retry of a cancellation that died before telling tells everyone once, then is refused', async () => {
  const activityId = await fullActivity('取消后重试');
  await cancelDying(activityId);

  expectError(
    await call(demoPersonas.admin, 'cancel', { activityId, reason: '天气原因' }),
    'PRECONDITION_FAILED',
    'activity.cancelled',
  );
  expect(told(activityId)).toEqual(everyone);
  expect(f.find('activities', { _id: activityId })[0]!.outbox).toEqual({});
});

test('the activity list meeting a cancellation that died before telling tells everyone once', async () => {
  const activityId = await fullActivity('取消后列表');
  await cancelDying(activityId);

  const page = expectOk(await call(demoPersonas.member, 'list', { communityId: DEMO, limit: 50 }), ActivityPage);
  expect(page.items.find((a) => a.id === activityId)?.cancelled).toBe(true);
  expect(told(activityId)).toEqual(everyone);
  expectOk(await call(demoPersonas.member, 'list', { communityId: DEMO, limit: 50 }), ActivityPage);
  expect(told(activityId)).toEqual(everyone);
});

test('a cancellation that lives tells everyone at once and owes nothing', async () => {
  const activityId = await fullActivity('正常取消');
  expectOk(await call(demoPersonas.admin, 'cancel', { activityId, reason: '天气原因' }), Activity);
  expect(told(activityId)).toEqual(everyone);
  expect(f.find('activities', { _id: activityId })[0]!.outbox).toEqual({});
});

test('someone who cancelled their sign-up before the activity was cancelled is not told', async () => {
  const activityId = await fullActivity('退出后取消');
  expectOk(await call(demoPersonas.liaison, 'cancelSignup', { activityId }), SignupResult);
  expectOk(await call(demoPersonas.admin, 'cancel', { activityId, reason: '天气原因' }), Activity);
  expect(told(activityId)).toEqual(['user-member', 'user-resident']);
});

test('someone whose sign-up commits between the cancellation’s read and its write is told too (the write reads again, and leaves the messages owed to each one’s message centre)', async () => {
  const a = await publish(f, { quota: 2, title: '取消与报名交错' });
  expectOk(await call(demoPersonas.member, 'signUp', { activityId: a.id }), SignupResult);
  const reply = await cancelRacedBySignUp(f, a.id, () =>
    call(demoPersonas.admin, 'cancel', { activityId: a.id, reason: '天气原因' }),
  );
  expectOk(reply, Activity);
  // It read again, so its in-app messages are owed to both (ADR 0038), not yet delivered.
  expect([...(f.find('activities', { _id: a.id })[0]!.owedTo as string[])].sort()).toEqual([
    'user-leader',
    'user-member',
  ]);
  for (const persona of [demoPersonas.leader, demoPersonas.member]) {
    const centre = expectOk(await f.call(persona, 'messages', 'list', { limit: 50 }), MessageList);
    expect(centre.items.map((m) => m.id).filter((id) => id.startsWith(`volunteer-cancelled:${a.id}:`))).toHaveLength(1);
  }
  expect(told(a.id)).toEqual(['user-leader', 'user-member']);
  expect(f.find('activities', { _id: a.id })[0]!.owedTo).toEqual([]);
});
