/**
 * Every document real actions write fits its declared schema (types/documents.ts): one
 * representative flow per area runs through the functions, then every stored document of every
 * collection is parsed with its collection's schema.
 */
import { PREVIOUS } from '../points/helpers';
import { codeFor as eventCode, makeEvent } from '../checkin/helpers';
import { openTopic, topicIn } from '../deliberation/helpers';
import { codeFor as activityCode, patch, publish, MIN } from '../volunteer/helpers';
import { wishIn } from '../wish/helpers';
import { documentCounts, documentProblems } from '../support/documents';
import { DEMO, demoPersonas as P, startFixture, type Fixture } from '../support/fixtures';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

/** Calls an action that must succeed; returns its data. */
async function ok(openid: string, area: string, action: string, data: unknown): Promise<any> {
  const body = await f.call(openid, area, action, data);
  if (!body.ok) throw new Error(`${area}.${action} refused: ${JSON.stringify(body.error)}`);
  return body.data;
}

/** Runs `flow`, then expects the collections it names to have grown and every document to fit. */
async function afterFlow(grows: string[], flow: () => Promise<void>): Promise<void> {
  const before = documentCounts(f);
  await flow();
  const after = documentCounts(f);
  for (const name of grows) expect({ [name]: after[name]! > before[name]! }).toEqual({ [name]: true });
  expect(documentProblems(f)).toEqual([]);
}

test('a binding request and its approval store documents that fit their schemas', async () => {
  await afterFlow(['binding_requests', 'roles', 'audit_log'], async () => {
    const asked = await ok(P.newcomer, 'account', 'requestBinding', {
      householdId: 'hh-xfl-2-102',
      relation: 'tenant',
    });
    await ok(P.admin, 'account', 'decideBinding', { requestId: asked.id, decision: 'approve' });
    await ok(P.newcomer, 'account', 'saveProfile', { name: '林小雨', phone: '13912345678' });
  });
});

test('an event, a check-in, a unit application and a member registration store documents that fit', async () => {
  await afterFlow(
    ['events', 'checkins', 'point_ledger', 'point_balances', 'unit_registrations', 'work_units', 'registrations'],
    async () => {
      const event = await makeEvent(f);
      await ok(P.member, 'checkin', 'checkIn', { code: eventCode(f, event.id) });
      const unit = await ok(P.member, 'checkin', 'registerWorkUnit', {
        communityId: DEMO,
        name: '区妇幼保健院',
        partyOrgName: '区妇幼保健院党支部',
        contactPhone: '13912345678',
      });
      await ok(P.admin, 'checkin', 'decideUnitRegistration', { unitRegistrationId: unit.id, decision: 'approve' });
      // 党员报到 is for Party members: the resident's profile says 中共党员 first.
      const me = f.find('users', { openid: P.resident })[0]!;
      await ok(P.resident, 'account', 'saveProfile', { name: me.name, phone: me.phone, partyMember: true });
      const reg = await ok(P.resident, 'checkin', 'registerMember', {
        communityId: DEMO,
        workUnitId: 'wu-hospital',
        householdId: 'hh-xfl-1-102',
        skills: ['量血压'],
        intentions: ['elderly'],
      });
      await ok(P.admin, 'checkin', 'decideRegistration', { registrationId: reg.id, decision: 'approve' });
    },
  );
});

test('a volunteer activity, a sign-up and an attended shift store documents that fit', async () => {
  await afterFlow(['activities', 'signups'], async () => {
    const a = await publish(f, { quota: 5, pointsPerHour: 4 });
    await ok(P.member, 'volunteer', 'signUp', { activityId: a.id });
    const startAt = new Date(Date.now() - 90 * MIN);
    patch(f, 'activities', a.id, {
      startAt,
      endAt: new Date(Date.now() + 60 * MIN),
      signupDeadline: new Date(startAt.getTime() - MIN),
    });
    await ok(P.member, 'volunteer', 'scan', { code: activityCode(f, a.id, 'in') });
    await ok(P.member, 'volunteer', 'scan', { code: activityCode(f, a.id, 'out') });
  });
});

test('a wish walked from post to confirmation stores documents that fit', async () => {
  await afterFlow(['wishes', 'messages', 'point_ledger'], async () => {
    await wishIn(f, 'confirmed');
    await wishIn(f, 'rejected');
  });
});

test('a topic with opinions, a support, a ballot and a rating stores documents that fit', async () => {
  await afterFlow(['topics', 'opinions', 'opinion_supports', 'ballots', 'topic_ratings'], async () => {
    const topic = await openTopic(f);
    const opinion = await ok(P.resident, 'deliberation', 'postOpinion', { topicId: topic.id, text: '支持加装电梯' });
    await ok(P.member, 'deliberation', 'supportOpinion', { opinionId: opinion.id });
    const voting = await topicIn(f, 'vote');
    const closesAt = new Date(Date.now() + 60 * MIN);
    const { vote } = f.find('topics', { _id: voting })[0]!;
    f.update('topics', voting, { vote: { ...vote, closesAt }, voteClosesAt: closesAt });
    await ok(P.resident, 'deliberation', 'castBallot', { topicId: voting, choice: 'agree' });
    const evaluating = await topicIn(f, 'evaluate');
    f.update('topics', evaluating, { evaluation: { endsAt: closesAt }, evaluationEndsAt: closesAt });
    await ok(P.resident, 'deliberation', 'rate', { topicId: evaluating, score: 5 });
  });
});

test('an adjustment, a rating and a closed quarter store documents that fit', async () => {
  await afterFlow(['point_ledger', 'ratings', 'quarter_results'], async () => {
    await ok(P.admin, 'points', 'adjustPoints', {
      communityId: DEMO,
      userId: 'user-member',
      amount: 3,
      reason: '协助整理社区档案',
    });
    await ok(P.admin, 'points', 'rate', {
      communityId: DEMO,
      year: new Date().getFullYear(),
      target: 'work_unit',
      targetId: 'wu-tax',
      grade: 'excellent',
      comment: '组织有力',
    });
    await ok(P.admin, 'points', 'closeQuarter', { communityId: DEMO, quarter: PREVIOUS });
  });
});

test('renaming an estate and adding a building store documents that fit, relabel marks included', async () => {
  await afterFlow(['buildings'], async () => {
    await ok(P.admin, 'org', 'saveEstate', {
      communityId: DEMO,
      estateId: 'estate-xfl',
      name: '幸福里新村',
      partyBranchName: '幸福里新村党支部',
    });
    await ok(P.admin, 'org', 'saveBuilding', { estateId: 'estate-xfl', name: '9号楼', partyGroupName: '9号楼党小组' });
    await ok(P.resident, 'messages', 'markRead', { all: true });
  });
});
