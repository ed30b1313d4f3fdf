/**
 * Each kind is sent, by the action that leads to it, with its own template: a wish walked from
 * post to confirmation tells the poster by `wishProgress` and the claimer by `claimProgress`; a
 * volunteer promoted from the waitlist gets `waitlistPromoted`; a cancelled activity tells
 * everyone signed up by `activityCancelled` — every send valid for its template (the emulator
 * checks them against deploy/subscriptions.json, and refused sends never reach the outbox).
 */
import { Activity, SignupResult } from '../../types/volunteer';
import subscriptions from '../../deploy/subscriptions.json';
import { demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { expectOk, publish } from '../volunteer/helpers';
import { outbox, P, wishIn } from '../wish/helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

const sent = async (since: number) => (await outbox(f)).slice(since);
const id = (kind: keyof typeof subscriptions) => (subscriptions[kind] as { templateId: string }).templateId;

test('a wish: the poster by wishProgress, the claimer by claimProgress', async () => {
  const before = (await outbox(f)).length;
  const wishId = await wishIn(f, 'confirmed');
  const messages = await sent(before);
  const page = `packages/wish/pages/detail/index?id=${wishId}`;
  // published, claimed, fulfilled → the poster; confirmed → the claimer.
  expect(messages.map((m) => [m.touser, m.template_id, (m as { page?: string }).page])).toEqual([
    [P.resident, id('wishProgress'), page],
    [P.resident, id('wishProgress'), page],
    [P.resident, id('wishProgress'), page],
    [P.member, id('claimProgress'), page],
  ]);
  expect(messages.map((m) => m.data.phrase2.value)).toEqual(['已发布', '已认领', '已完成', '已确认']);
});

test('an activity: the promoted volunteer by waitlistPromoted, everyone signed up by activityCancelled', async () => {
  const a = await publish(f, { quota: 1, title: '周末敬老院探访' });
  expectOk(await f.call(demoPersonas.member, 'volunteer', 'signUp', { activityId: a.id }), SignupResult);
  const waiting = expectOk(
    await f.call(demoPersonas.resident, 'volunteer', 'signUp', { activityId: a.id }),
    SignupResult,
  );
  expect(waiting.state).toBe('waitlisted');
  const before = (await outbox(f)).length;
  expectOk(await f.call(demoPersonas.member, 'volunteer', 'cancelSignup', { activityId: a.id }), SignupResult);
  const page = `packages/volunteer/pages/detail/index?id=${a.id}`;
  expect(await sent(before)).toEqual([
    expect.objectContaining({
      touser: demoPersonas.resident,
      template_id: id('waitlistPromoted'),
      page,
      data: expect.objectContaining({ thing1: { value: '周末敬老院探访' }, phrase4: { value: '候补成功' } }),
    }),
  ]);

  expectOk(await f.call(demoPersonas.liaison, 'volunteer', 'signUp', { activityId: a.id }), SignupResult);
  const beforeCancel = (await outbox(f)).length;
  expectOk(await f.call(demoPersonas.admin, 'volunteer', 'cancel', { activityId: a.id, reason: '天气原因' }), Activity);
  const cancelled = await sent(beforeCancel);
  expect(cancelled.map((m) => m.touser).sort()).toEqual([demoPersonas.liaison, demoPersonas.resident].sort());
  for (const m of cancelled) {
    expect(m).toMatchObject({ template_id: id('activityCancelled'), page, data: { thing3: { value: '天气原因' } } });
  }
});
