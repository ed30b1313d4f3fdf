/**
 * Separation of duties in 联审 (issue #12): each body signs by a holder of that body's role, one
 * person one body per proposal version — except a 支部书记+业委会主任 一肩挑 dual post appointed
 * as such by someone else, recorded on both reviews; the 监事会 signer signs for no other body
 * and did not propose the topic; an admin collecting hats cannot approve a topic alone. Every
 * refusal writes nothing.
 */
import { Role } from '../../types/account';
import { TopicDetail } from '../../types/deliberation';
import type { RoleDoc } from '../../cloudfunctions/_shared/documents';
import { aRole } from '../support/factories';
import { DEMO, startFixture, type Fixture } from '../support/fixtures';
import { deliberationChair, expectError, expectOk, inFuture, P, passedProposal, setTopic, topicIn } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const DAY = 24 * 3600 * 1000;
const council = (kind: string) => `council-xingfuli-${kind}`;
const call = (openid: string | null, action: string, data: Record<string, unknown>) =>
  f.call(openid, 'deliberation', action, data);
const review = (openid: string, topicId: string, body: string) =>
  call(openid, 'recordReview', { topicId, body, verdict: 'agree' });
const grant = (data: Record<string, unknown>, openid = P.admin) =>
  f.call(openid, 'account', 'grantRole', { communityId: DEMO, ...data });
const chair = (userId: string, kind: string, extra: Record<string, unknown> = {}) => ({
  userId,
  kind: 'council_member',
  councilId: council(kind),
  position: 'chair',
  ...extra,
});

/** A topic of 幸福里 1号楼 (opened by demo-leader) in 联审, with a fresh proposal nobody reviewed. */
async function inReview(): Promise<string> {
  const id = await topicIn(f, 'review');
  setTopic(f, id, { proposals: [{ ...passedProposal(), reviews: [] }] });
  return id;
}

/** Writes a role straight into the database (as another admin or the platform would have granted it). */
function giveRole(userId: string, kind: RoleDoc['kind'], scope: Partial<RoleDoc>): void {
  f.insert('roles', [
    aRole({
      kind,
      userId,
      communityId: DEMO,
      scopeLabel: '测试',
      grantedBy: 'user-other-admin',
      grantedAt: new Date(),
      ...scope,
    }),
  ]);
}

async function expectRefusedReview(openid: string, topicId: string, body: string, code: string, reason: string) {
  const reply = await f.expectNothingWritten(() => review(openid, topicId, body));
  expectError(reply, code, reason);
}

describe('one person, one body', () => {
  test('refuses a chair of two councils who signs for the second one, and writes nothing', async () => {
    expectOk(await grant(chair('user-council-chair', 'deliberation')), Role);
    const topicId = await inReview();
    expectOk(await review(P.councilChair, topicId, 'owners'), TopicDetail);
    await expectRefusedReview(P.councilChair, topicId, 'deliberation', 'FORBIDDEN', 'review.one-person-one-body');
    // The council's own chair still signs for it.
    expectOk(await review(deliberationChair, topicId, 'deliberation'), TopicDetail);
  });

  test('refuses a Party secretary who is also an ordinary (not dual-post) owners chair signing both', async () => {
    const granted = expectOk(await grant(chair('user-estate-leader', 'owners')), Role);
    expect(granted.dualPost).toBe(false);
    const topicId = await inReview();
    expectOk(await review(P.estateLeader, topicId, 'party_branch'), TopicDetail);
    await expectRefusedReview(P.estateLeader, topicId, 'owners', 'FORBIDDEN', 'review.one-person-one-body');
    // The screen no longer offers the review to them.
    const seen = expectOk(await call(P.estateLeader, 'get', { topicId }), TopicDetail);
    expect(seen.allowed).not.toContain('recordReview');
    expectOk(await f.call(P.admin, 'account', 'revokeRole', { roleId: granted.id, reason: '改为一肩挑' }), Role);
  });
});

describe('the 支部书记+业委会主任 一肩挑 dual post', () => {
  test('is granted only to an estate Party secretary, only as the owners chair, never to oneself', async () => {
    const refused = async (data: Record<string, unknown>, code: string, reason?: string, openid = P.admin) => {
      const reply = await f.expectNothingWritten(() => grant(data, openid));
      expectError(reply, code, reason);
    };
    await refused(
      chair('user-resident', 'owners', { dualPost: true }),
      'PRECONDITION_FAILED',
      'role.dual-post-needs-estate-leader',
    );
    await refused(
      chair('user-estate-leader', 'deliberation', { dualPost: true }),
      'PRECONDITION_FAILED',
      'role.dual-post-owners-chair-only',
    );
    await refused(
      { ...chair('user-estate-leader', 'owners', { dualPost: true }), position: 'member' },
      'VALIDATION',
      'input.invalid',
    );
    await refused(
      { userId: 'user-estate-leader', kind: 'estate_leader', estateId: 'estate-xfl', dualPost: true },
      'VALIDATION',
      'input.invalid',
    );
    // An admin who is an estate's Party secretary cannot appoint themself.
    giveRole('user-admin', 'estate_leader', { estateId: 'estate-hxjy' });
    await refused(chair('user-admin', 'owners', { dualPost: true }), 'FORBIDDEN', 'role.self-grant');
  });

  test('lets the appointed person sign for the Party branch and the owners, shown as dual post on both', async () => {
    const granted = expectOk(await grant(chair('user-estate-leader', 'owners', { dualPost: true })), Role);
    expect(granted).toMatchObject({ dualPost: true, councilKind: 'owners', position: 'chair' });
    expect(f.find('roles', { _id: granted.id })[0]).toMatchObject({ dualPost: true, grantedBy: 'user-admin' });
    const grants = f.find('audit_log', { targetId: granted.id, action: 'account.grantRole' });
    expect(grants.map((a) => a.summary)).toContain(
      '授予 孙建华 三会成员（幸福里社区业主委员会主任，一肩挑（兼任小区党支部书记））',
    );

    const topicId = await inReview();
    expectOk(await review(P.estateLeader, topicId, 'party_branch'), TopicDetail);
    const both = expectOk(await review(P.estateLeader, topicId, 'owners'), TopicDetail);
    expect(both.proposals[0]!.reviews.map((r) => [r.body, r.dualPost])).toEqual([
      ['party_branch', true],
      ['owners', true],
    ]);
    const stored = f.find('topics', { _id: topicId })[0]!.proposals[0].reviews;
    expect(stored.map((r: any) => [r.body, r.byId, r.dualPost])).toEqual([
      ['party_branch', 'user-estate-leader', true],
      ['owners', 'user-estate-leader', true],
    ]);
    // But not a third body, and the others sign as usual; then the proposal passes and may go to a vote.
    giveRole('user-estate-leader', 'council_member', {
      councilId: council('deliberation'),
      councilKind: 'deliberation',
      position: 'chair',
    });
    await expectRefusedReview(P.estateLeader, topicId, 'deliberation', 'FORBIDDEN', 'review.one-person-one-body');
    expectOk(await review(deliberationChair, topicId, 'deliberation'), TopicDetail);
    const done = expectOk(await review(P.supervisor, topicId, 'supervisory'), TopicDetail);
    expect(done.proposals[0]!.passed).toBe(true);
    expectOk(
      await call(P.leader, 'advance', { topicId, to: 'vote', rule: 'simple', closesAt: inFuture(3 * DAY) }),
      TopicDetail,
    );
  });
});

describe('the 监事会 signs independently', () => {
  test('refuses a supervisory chair who opened the topic, and writes nothing', async () => {
    giveRole('user-leader', 'council_member', {
      councilId: council('supervisory'),
      councilKind: 'supervisory',
      position: 'chair',
    });
    const topicId = await inReview(); // opened (and drafted) by demo-leader
    await expectRefusedReview(P.leader, topicId, 'supervisory', 'FORBIDDEN', 'review.supervisor-independent');
    expectOk(await review(P.supervisor, topicId, 'supervisory'), TopicDetail);
  });

  test('refuses the supervisory signer signing a second body, in either order', async () => {
    giveRole('user-supervisor', 'council_member', {
      councilId: council('deliberation'),
      councilKind: 'deliberation',
      position: 'chair',
    });
    const first = await inReview();
    expectOk(await review(P.supervisor, first, 'supervisory'), TopicDetail);
    await expectRefusedReview(P.supervisor, first, 'deliberation', 'FORBIDDEN', 'review.supervisor-independent');
    const second = await inReview();
    expectOk(await review(P.supervisor, second, 'deliberation'), TopicDetail);
    await expectRefusedReview(P.supervisor, second, 'supervisory', 'FORBIDDEN', 'review.supervisor-independent');
  });
});

describe('the 监事会 lifts a suspension independently', () => {
  test('refuses a supervisor who opened the topic lifting the suspension of its notice, and writes nothing', async () => {
    // demo-leader opened the topic and (an earlier test) sits on the 监事会.
    const topicId = await topicIn(f, 'notice');
    const suspended = expectOk(
      await call(P.supervisor, 'suspendNotice', { topicId, reason: '需核实费用' }),
      TopicDetail,
    );
    expect(suspended.notice?.suspended).toBe(true);
    const reply = await f.expectNothingWritten(() =>
      call(P.leader, 'liftSuspension', { topicId, reason: '已核实无误' }),
    );
    expectError(reply, 'FORBIDDEN', 'notice.supervisor-independent');
    expectOk(await call(P.supervisor, 'liftSuspension', { topicId, reason: '已核实无误' }), TopicDetail);
  });
});

describe('an admin cannot approve a topic alone', () => {
  test('granting themself the leader and the chairs is refused for every hat, and writes nothing', async () => {
    for (const data of [
      { userId: 'user-admin', kind: 'building_leader', buildingId: 'bld-xfl-1' },
      { userId: 'user-admin', kind: 'estate_leader', estateId: 'estate-xfl' },
      chair('user-admin', 'owners'),
      chair('user-admin', 'deliberation'),
      chair('user-admin', 'supervisory'),
    ]) {
      const reply = await f.expectNothingWritten(() => grant(data));
      expectError(reply, 'FORBIDDEN', 'role.self-grant');
    }
  });

  test('even holding every hat (granted by others), they sign for one body only and the topic cannot go to a vote', async () => {
    giveRole('user-admin', 'estate_leader', { estateId: 'estate-xfl' });
    for (const kind of ['owners', 'deliberation', 'supervisory'] as const) {
      giveRole('user-admin', 'council_member', {
        councilId: council(kind),
        councilKind: kind,
        position: 'chair',
      });
    }
    const topicId = await inReview();
    expectOk(await review(P.admin, topicId, 'party_branch'), TopicDetail);
    await expectRefusedReview(P.admin, topicId, 'owners', 'FORBIDDEN', 'review.one-person-one-body');
    await expectRefusedReview(P.admin, topicId, 'deliberation', 'FORBIDDEN', 'review.one-person-one-body');
    await expectRefusedReview(P.admin, topicId, 'supervisory', 'FORBIDDEN', 'review.supervisor-independent');
    const reply = await f.expectNothingWritten(() =>
      call(P.admin, 'advance', { topicId, to: 'vote', rule: 'simple', closesAt: inFuture(3 * DAY) }),
    );
    expectError(reply, 'PRECONDITION_FAILED', 'topic.review-not-passed');
  });

  test('reviews stored by one person for several bodies (before these rules) do not pass', async () => {
    const topicId = await inReview();
    const legacy = passedProposal();
    setTopic(f, topicId, {
      proposals: [{ ...legacy, reviews: legacy.reviews.map((r) => ({ ...r, byId: 'user-admin' })) }],
    });
    const seen = expectOk(await call(P.admin, 'get', { topicId }), TopicDetail);
    expect(seen.proposals[0]!.passed).toBe(false);
    const reply = await f.expectNothingWritten(() =>
      call(P.leader, 'advance', { topicId, to: 'vote', rule: 'simple', closesAt: inFuture(3 * DAY) }),
    );
    expectError(reply, 'PRECONDITION_FAILED', 'topic.review-not-passed');
  });
});

describe('rights end with the role', () => {
  test('a council chair whose role is revoked can no longer sign, at once', async () => {
    const topicId = await inReview();
    const roleOf = f.find('roles', {
      userId: 'user-supervisor',
      kind: 'council_member',
      councilKind: 'supervisory',
    })[0]!;
    expectOk(await f.call(P.admin, 'account', 'revokeRole', { roleId: roleOf._id, reason: '换届' }), Role);
    await expectRefusedReview(P.supervisor, topicId, 'supervisory', 'FORBIDDEN', 'review.not-entitled');
    const audit = f.find('audit_log', { targetId: roleOf._id, action: 'account.revokeRole' })[0]!;
    expect(audit.summary).toContain('联审签署权限即时终止');
  });
});
