/**
 * A topic through all six steps with the real people of 幸福里: opinions and supports, joint
 * review by the four bodies (and a revision), voting by households (one ballot per household,
 * also under 50 concurrent ballots), closing and recomputing the tally, notice with objections
 * and suspension, execution progress (participants told), evaluation and archiving; points
 * credited once per topic and step.
 */
import {
  BallotReceipt,
  deliberationActions,
  Opinion,
  OpinionPage,
  TopicDetail,
  Turnout,
} from '../../types/deliberation';
import { roleId } from '../../cloudfunctions/_shared/documents';
import { DEMO, startFixture, type Fixture } from '../support/fixtures';
import { VOTE_SETTLE_MS } from '../../cloudfunctions/deliberation/src/store';
import {
  building1Resident,
  building2Resident,
  closeWindowAgo,
  deliberationChair,
  expectError,
  expectOk,
  inFuture,
  insertDocs,
  openTopic,
  P,
  setTopic,
  SETTLED,
  supervisoryMember,
} from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const call = (openid: string | null, action: string, data: Record<string, unknown>) =>
  f.call(openid, 'deliberation', action, data);
const detail = async (openid: string, action: string, data: Record<string, unknown>) =>
  expectOk(await call(openid, action, data), TopicDetail);

/** Openid → household of every resident of 1号楼 (one resident per household). */
function building1Voters(): Array<{ openid: string; householdId: string }> {
  const roles = f.find('roles', { kind: 'resident', buildingId: 'bld-xfl-1' });
  const users = new Map(f.find('users').map((u) => [u._id, u.openid as string]));
  const seen = new Set<string>();
  const out: Array<{ openid: string; householdId: string }> = [];
  for (const r of roles) {
    if (seen.has(r.householdId)) continue;
    seen.add(r.householdId);
    out.push({ openid: users.get(r.userId)!, householdId: r.householdId });
  }
  return out;
}

async function reviewAll(topicId: string, verdicts: Record<string, 'agree' | 'agree_with_changes' | 'disagree'>) {
  const speakers: Record<string, string> = {
    party_branch: P.estateLeader,
    owners: P.councilChair,
    deliberation: deliberationChair,
    supervisory: P.supervisor,
  };
  let last: TopicDetail | null = null;
  for (const [body, verdict] of Object.entries(verdicts)) {
    last = await detail(speakers[body]!, 'recordReview', {
      topicId,
      body,
      verdict,
      comment: verdict === 'agree' ? '' : '请补充费用分摊方案',
    });
  }
  return last!;
}

test('the whole deliberation, step by step', async () => {
  // 1. 意见收集
  const opened = await openTopic(f);
  const topicId = opened.id;
  expect(opened).toMatchObject({ step: 'collect', scopeLabel: '幸福里小区 · 1号楼', leaderName: '陈志强' });
  expect(opened.allowed).toEqual(expect.arrayContaining(['advance', 'end']));

  const mine = expectOk(
    await call(P.resident, 'postOpinion', { topicId, text: '支持加装电梯，一楼住户的采光要考虑' }),
    Opinion,
  );
  expect(mine.authorName).toBe('张秀英');
  const theirs = expectOk(
    await call(building1Resident, 'postOpinion', { topicId, text: '费用分摊要公平，按楼层系数计算' }),
    Opinion,
  );
  await call(P.resident, 'postOpinion', { topicId, text: '第二条意见：施工期间注意安全' });
  expectError(
    await f.expectNothingWritten(() => call(building2Resident, 'postOpinion', { topicId, text: '我是2号楼的住户' })),
    'FORBIDDEN',
    'topic.not-in-scope',
  );
  // Supports: once each, never one's own.
  const supported = expectOk(await call(P.resident, 'supportOpinion', { opinionId: theirs.id }), Opinion);
  expect(supported).toMatchObject({ supportCount: 1, supportedByMe: true });
  expectError(
    await f.expectNothingWritten(() => call(P.resident, 'supportOpinion', { opinionId: theirs.id })),
    'CONFLICT',
    'opinion.already-supported',
  );
  expectError(
    await f.expectNothingWritten(() => call(P.resident, 'supportOpinion', { opinionId: mine.id })),
    'FORBIDDEN',
    'opinion.own',
  );
  // Ranked by support, ties older first; names masked for other residents, full for the leader.
  const ranked = expectOk(await call(building1Resident, 'listOpinions', { topicId }), OpinionPage);
  expect(ranked.items.map((o) => o.id)[0]).toBe(theirs.id);
  expect(ranked.items[1]!.id).toBe(mine.id);
  expect(ranked.items[1]!.authorName).toBe('张*');
  const byLeader = expectOk(await call(P.leader, 'listOpinions', { topicId, sort: 'time' }), OpinionPage);
  expect(byLeader.items.at(-1)!.authorName).toBe('张秀英');
  // Points: once per topic and step, though 张秀英 posted twice.
  const residentId = f.find('users', { openid: P.resident })[0]!._id;
  expect(f.find('point_ledger', { _id: `deliberation:${topicId}:collect:${residentId}` })).toHaveLength(1);
  expect(f.find('point_ledger', { sourceId: topicId, userId: residentId })).toHaveLength(1);

  // 2. 联审
  await detail(P.leader, 'advance', { topicId, to: 'review' });
  expectError(
    await f.expectNothingWritten(() =>
      call(P.leader, 'draftProposal', { topicId, text: '加装电梯方案：由业委会牵头……', answersOpinionIds: ['nope'] }),
    ),
    'VALIDATION',
    'proposal.foreign-opinion',
  );
  await detail(P.leader, 'draftProposal', {
    topicId,
    text: '加装电梯方案：由业委会牵头，费用按楼层系数分摊。',
    answersOpinionIds: [mine.id, theirs.id],
  });
  // The Party branch disagrees: not passed; the leader revises (v1 kept).
  const v1 = await reviewAll(topicId, {
    party_branch: 'disagree',
    owners: 'agree',
    deliberation: 'agree',
    supervisory: 'agree',
  });
  expect(v1.proposals[0]!.passed).toBe(false);
  expectError(
    await f.expectNothingWritten(() =>
      call(P.leader, 'advance', { topicId, to: 'vote', rule: 'simple', closesAt: inFuture(60_000) }),
    ),
    'PRECONDITION_FAILED',
    'topic.review-not-passed',
  );
  const v2 = await detail(P.leader, 'draftProposal', {
    topicId,
    text: '加装电梯方案（修订）：增加一楼住户补偿。',
    answersOpinionIds: [mine.id],
  });
  expect(v2.proposals.map((p) => [p.version, p.passed, p.reviews.length])).toEqual([
    [1, false, 4],
    [2, null, 0],
  ]);
  // A non-chair member of 议事会 cannot speak for it; a chair speaks once per version.
  expectError(
    await f.expectNothingWritten(() =>
      call(P.resident, 'recordReview', { topicId, body: 'deliberation', verdict: 'agree' }),
    ),
    'FORBIDDEN',
    'review.not-entitled',
  );
  expectError(
    await f.expectNothingWritten(() =>
      call(P.leader, 'recordReview', { topicId, body: 'party_branch', verdict: 'agree' }),
    ),
    'FORBIDDEN',
    'review.not-entitled',
  );
  const passed = await reviewAll(topicId, {
    party_branch: 'agree_with_changes',
    owners: 'agree',
    deliberation: 'disagree',
    supervisory: 'agree',
  });
  expect(passed.proposals[1]!.passed).toBe(true);
  expectError(
    await f.expectNothingWritten(() =>
      call(P.councilChair, 'recordReview', { topicId, body: 'owners', verdict: 'agree' }),
    ),
    'CONFLICT',
    'review.already-recorded',
  );

  // 3. 决议
  const voting = await detail(P.leader, 'advance', {
    topicId,
    to: 'vote',
    rule: 'simple',
    closesAt: inFuture(3_600_000),
  });
  expect(voting.vote).toMatchObject({ rule: 'simple', tally: null });
  const voters = building1Voters();
  const concurrent = voters.find((v) => v.openid === building1Resident)!;
  // 50 concurrent ballots from one household: exactly one stored, 49 CONFLICT.
  const burst = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      call(concurrent.openid, 'castBallot', { topicId, choice: i % 2 ? 'agree' : 'oppose' }),
    ),
  );
  expect(burst.filter((r) => r.ok)).toHaveLength(1);
  expect(burst.filter((r) => !r.ok).map((r) => r.error.reason)).toEqual(Array(49).fill('ballot.household-voted'));
  expect(f.find('ballots', { topicId, householdId: concurrent.householdId })).toHaveLength(1);
  // A second resident of 张秀英's household: the household has one ballot.
  const now = new Date();
  insertDocs(f, 'users', [
    {
      _id: 'user-spouse',
      openid: 'spouse',
      name: '李建国',
      phone: null,
      avatarUrl: null,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  insertDocs(f, 'roles', [
    {
      _id: roleId('resident', 'user-spouse', 'hh-xfl-1-102'),
      userId: 'user-spouse',
      kind: 'resident',
      communityId: DEMO,
      estateId: 'estate-xfl',
      buildingId: 'bld-xfl-1',
      householdId: 'hh-xfl-1-102',
      councilId: null,
      councilKind: null,
      position: null,
      workUnitId: null,
      memberType: null,
      scopeLabel: '幸福里小区 · 1号楼 · 1-102',
      grantedBy: null,
      grantedAt: now,
    },
  ]);
  const first = expectOk(await call(P.resident, 'castBallot', { topicId, choice: 'agree' }), BallotReceipt);
  expect(first.householdId).toBe('hh-xfl-1-102');
  expect(first.turnout.myHouseholdVoted).toBe(true);
  expectError(
    await f.expectNothingWritten(() => call('spouse', 'castBallot', { topicId, choice: 'oppose' })),
    'CONFLICT',
    'ballot.household-voted',
  );
  expectError(
    await f.expectNothingWritten(() => call(building2Resident, 'castBallot', { topicId, choice: 'agree' })),
    'FORBIDDEN',
    'ballot.not-eligible',
  );
  // Everyone else in 1号楼 agrees.
  for (const v of voters) {
    if (v.householdId === concurrent.householdId || v.householdId === 'hh-xfl-1-102') continue;
    expectOk(await call(v.openid, 'castBallot', { topicId, choice: 'agree' }), BallotReceipt);
  }
  const live = expectOk(await call(building2Resident, 'turnout', { topicId }), Turnout);
  expect(live).toMatchObject({
    votedHouseholds: voters.length,
    eligibleHouseholds: voters.length,
    myHouseholdVoted: false,
  });
  expect(JSON.stringify(live)).not.toMatch(/agree|oppose/);
  const open = await detail(P.leader, 'get', { topicId });
  expect(open.vote!.tally).toBeNull();
  expectError(
    await f.expectNothingWritten(() => call(P.leader, 'closeVote', { topicId })),
    'PRECONDITION_FAILED',
    'topic.vote-open',
  );
  // Time travel instead of waiting: the window closed a moment ago, inside the settle period.
  closeWindowAgo(f, topicId, 1000);
  expectError(
    await call(P.councilChair, 'castBallot', { topicId, choice: 'agree' }),
    'FORBIDDEN',
    'ballot.not-eligible',
  );
  expectError(await call(building1Resident, 'closeVote', { topicId }), 'FORBIDDEN', 'topic.not-leader');
  const settling = await detail(P.leader, 'get', { topicId });
  expect(settling.allowed).toContain('closeVote');
  expect(Date.parse(settling.vote!.settlesAt) - Date.parse(settling.vote!.closesAt)).toBe(VOTE_SETTLE_MS);
  expectError(
    await f.expectNothingWritten(() => call(P.leader, 'closeVote', { topicId })),
    'PRECONDITION_FAILED',
    'topic.vote-settling',
  );
  closeWindowAgo(f, topicId, SETTLED);
  const closed = await detail(P.leader, 'closeVote', { topicId });
  expect(closed.step).toBe('notice');
  expect(closed.vote!.tally).toMatchObject({ rule: 'simple', votedHouseholds: voters.length, passed: true });
  expect(closed.vote!.tally!.agreeHouseholds).toBeGreaterThanOrEqual(voters.length - 1);
  const noticeDays =
    (new Date(closed.notice!.endsAt).getTime() - new Date(closed.notice!.startsAt).getTime()) / 86400000;
  expect(noticeDays).toBe(7);
  const re = expectOk(
    await call(building1Resident, 'recomputeTally', { topicId }),
    deliberationActions.recomputeTally.result,
  );
  expect(re.recomputed).toEqual({ ...re.stored, computedAt: re.recomputed.computedAt });
  expect(re.equal).toBe(true);

  // 4. 公示
  const objection = (await call(building1Resident, 'lodgeObjection', { topicId, text: '施工时间请避开午休' })).data;
  expect(objection.answer).toBeNull();
  setTopic(f, topicId, { 'notice.endsAt': new Date(Date.now() - 1000) });
  expectError(
    await f.expectNothingWritten(() =>
      call(P.leader, 'advance', { topicId, to: 'execute', executor: '幸福里物业', dueDate: '2027-06-30' }),
    ),
    'PRECONDITION_FAILED',
    'topic.objections-open',
  );
  expectError(
    await f.expectNothingWritten(() =>
      call(building1Resident, 'answerObjection', { topicId, objectionId: objection.id, answer: '好的' }),
    ),
    'FORBIDDEN',
    'topic.not-leader',
  );
  const answered = (
    await call(P.leader, 'answerObjection', { topicId, objectionId: objection.id, answer: '施工安排在9点到12点' })
  ).data;
  expect(answered.answer).toBe('施工安排在9点到12点');
  expectError(
    await call(P.resident, 'suspendNotice', { topicId, reason: '程序有问题' }),
    'FORBIDDEN',
    'notice.not-supervisor',
  );
  const suspended = await detail(supervisoryMember, 'suspendNotice', { topicId, reason: '需核实费用测算' });
  expect(suspended.notice).toMatchObject({ suspended: true, suspendReason: '需核实费用测算' });
  expectError(
    await call(P.leader, 'advance', { topicId, to: 'execute', executor: '幸福里物业', dueDate: '2027-06-30' }),
    'PRECONDITION_FAILED',
    'topic.notice-suspended',
  );
  await detail(P.supervisor, 'liftSuspension', { topicId, reason: '已核实无误' });
  expect(f.find('audit_log', { targetId: topicId, action: 'deliberation.suspendNotice' })).toHaveLength(1);

  // 5. 执行
  await detail(P.leader, 'advance', { topicId, to: 'execute', executor: '幸福里物业', dueDate: '2027-06-30' });
  const progressed = await detail(P.leader, 'addProgress', { topicId, percent: 30, note: '已完成井道施工' });
  expect(progressed.execution!.progress).toHaveLength(1);
  expectError(
    await f.expectNothingWritten(() => call(P.leader, 'addProgress', { topicId, percent: 20, note: '倒退了' })),
    'VALIDATION',
    'progress.backwards',
  );
  const told = f.find('messages', { kind: 'topic' }).filter((m) => m._id.startsWith(`topic:${topicId}:progress:1:`));
  const authorIds = new Set(f.find('opinions', { topicId }).map((o) => o.authorId));
  expect(new Set(told.map((m) => m.userId))).toEqual(authorIds);

  // 6. 评估
  await detail(P.leader, 'advance', { topicId, to: 'evaluate', endsAt: inFuture(3_600_000) });
  const rated = await detail(P.resident, 'rate', { topicId, score: 5, comment: '很满意' });
  expect(rated.evaluation).toMatchObject({ ratings: 1, satisfaction: 1, averageScore: 5, myHouseholdRated: true });
  expectError(
    await f.expectNothingWritten(() => call('spouse', 'rate', { topicId, score: 1 })),
    'CONFLICT',
    'rating.household-rated',
  );
  const two = await detail(building1Resident, 'rate', { topicId, score: 2, comment: '噪音太大' });
  expect(two.evaluation).toMatchObject({ ratings: 2, satisfaction: 0.5, averageScore: 3.5 });
  expectError(
    await call(P.leader, 'advance', { topicId, to: 'archived' }),
    'PRECONDITION_FAILED',
    'topic.evaluation-running',
  );
  setTopic(f, topicId, { 'evaluation.endsAt': new Date(Date.now() - 1000) });
  const archived = await detail(P.leader, 'advance', { topicId, to: 'archived' });
  expect(archived.history.map((h) => h.to)).toEqual([
    'collect',
    'review',
    'vote',
    'notice',
    'execute',
    'evaluate',
    'archived',
  ]);
  expect(archived.allowed).toEqual([]);

  // Points once per topic and step: collect, vote, evaluate.
  expect(
    f
      .find('point_ledger', { sourceId: topicId, userId: residentId })
      .map((e) => e._id)
      .sort(),
  ).toEqual(['collect', 'evaluate', 'vote'].map((s) => `deliberation:${topicId}:${s}:${residentId}`));
});

test('a failed vote ends the topic with its tally kept', async () => {
  const { id: topicId } = await openTopic(f);
  await detail(P.leader, 'advance', { topicId, to: 'review' });
  await detail(P.leader, 'draftProposal', { topicId, text: '方案：更换楼道照明为感应灯。' });
  await reviewAll(topicId, { party_branch: 'agree', owners: 'agree', deliberation: 'agree', supervisory: 'agree' });
  await detail(P.leader, 'advance', { topicId, to: 'vote', rule: 'civil_major', closesAt: inFuture(3_600_000) });
  expectOk(await call(P.resident, 'castBallot', { topicId, choice: 'agree' }), BallotReceipt);
  closeWindowAgo(f, topicId, SETTLED);
  const closed = await detail(P.admin, 'closeVote', { topicId });
  expect(closed.step).toBe('ended');
  expect(closed.endedReason).toBe('表决未通过');
  expect(closed.vote!.tally).toMatchObject({
    rule: 'civil_major',
    votedHouseholds: 1,
    participationMet: false,
    passed: false,
  });
  expectError(await call(P.leader, 'closeVote', { topicId }), 'PRECONDITION_FAILED', 'topic.illegal-move');
});
