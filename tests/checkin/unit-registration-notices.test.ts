/**
 * A work unit's 报到 decision is told to its applicant (docs/notifications.md): one message in
 * their message centre, keyed by the application, approved (they are now its liaison) or rejected
 * with the reason — and the deciding admin is not told.
 */
import { UnitRegistration } from '../../types/checkin';
import { decisionMessages, expectDecidedOnce, expectToldOnce } from '../support/decision-notices';
import { DEMO, fileFixture } from '../support/fixtures';
import { applyForUnit, decideUnit, expectOk } from './helpers';

const f = fileFixture();

const apply = (name: string) => applyForUnit(f, name);
const decide = (unitRegistrationId: string, data: object) => decideUnit(f, unitRegistrationId, data);
const toldAbout = (id: string) => decisionMessages(f, 'unit-registration', id);

test('approving a work unit tells its applicant they are its liaison, once, and not the admin', async () => {
  const app = await apply('区图书馆');
  expect(toldAbout(app.id)).toEqual([]);
  expectOk(await decide(app.id, { decision: 'approve' }), UnitRegistration);
  expectToldOnce(
    toldAbout(app.id),
    {
      userId: 'user-resident',
      communityId: DEMO,
      kind: 'checkin',
      title: '单位报到已通过',
      read: false,
      link: '/packages/checkin/pages/register/index',
    },
    '区图书馆',
  );
  await expectDecidedOnce(f, 'unit-registration', app.id, () => decide(app.id, { decision: 'reject', reason: '重复' }));
});

test('rejecting a work unit tells its applicant it did not pass, with the reason', async () => {
  const app = await apply('区少年宫');
  expectOk(await decide(app.id, { decision: 'reject', reason: '单位名称有误' }), UnitRegistration);
  expectToldOnce(toldAbout(app.id), { userId: 'user-resident', title: '单位报到未通过' }, '单位名称有误');
});
