/**
 * The transition table, driven from an independent statement of the product rules (PRODUCT.md
 * §4): for EVERY pair of steps (archived and ended as sources too) and every way of moving,
 * only the allowed moves succeed; every other one is refused with PRECONDITION_FAILED naming
 * the current step, writing nothing. Also: a non-leader is refused with FORBIDDEN, and the
 * conditions of each move (passed review, notice over, answered objections…).
 */
import { transitions } from '../../cloudfunctions/deliberation/src/transitions';
import { Step, stepLabels, TopicDetail } from '../../types/deliberation';
import { DEMO, fileFixture } from '../support/fixtures';
import {
  building1Resident,
  expectError,
  expectOk,
  inFuture,
  insertDocs,
  P,
  passedProposal,
  setDoc,
  setTopic,
  topicIn,
} from './helpers';

const f = fileFixture();

type Move = 'review' | 'vote' | 'notice' | 'execute' | 'evaluate' | 'archived' | 'end' | 'closeVote';
const HOUR = 3600_000;

const moves: Record<Move, { action: string; data: Record<string, unknown> }> = {
  review: { action: 'advance', data: { to: 'review' } },
  vote: { action: 'advance', data: { to: 'vote', rule: 'simple', closesAt: inFuture(48 * HOUR) } },
  notice: { action: 'advance', data: { to: 'notice' } },
  execute: { action: 'advance', data: { to: 'execute', executor: '幸福里物业', dueDate: '2027-06-30' } },
  evaluate: { action: 'advance', data: { to: 'evaluate', endsAt: inFuture(72 * HOUR) } },
  archived: { action: 'advance', data: { to: 'archived' } },
  end: { action: 'end', data: { reason: '居民意见分歧太大' } },
  closeVote: { action: 'closeVote', data: {} },
};

/** The product rules, written out independently of the code's table: move → resulting steps. */
const legal: Record<Step, Partial<Record<Move, Step[]>>> = {
  collect: { review: ['review'], end: ['ended'] },
  review: { vote: ['vote'], end: ['ended'] },
  vote: { closeVote: ['notice', 'ended'], end: ['ended'] },
  notice: { execute: ['execute'], end: ['ended'] },
  execute: { evaluate: ['evaluate'], end: ['ended'] },
  evaluate: { archived: ['archived'], end: ['ended'] },
  archived: {},
  ended: {},
};
const steps = Step.options;

test("the code's table has exactly these moves (plus the scheduler's)", () => {
  const viaOf = (m: Move) => (m === 'end' || m === 'closeVote' ? m : 'advance');
  const people = transitions.filter((t) => t.who === 'leader').map((t) => `${t.from} -${t.via}-> ${t.to}`);
  const expected = steps.flatMap((s) =>
    (Object.entries(legal[s]) as Array<[Move, Step[]]>).flatMap(([m, tos]) =>
      tos.map((to) => `${s} -${viaOf(m)}-> ${to}`),
    ),
  );
  expect(people.sort()).toEqual(expected.sort());
  expect(transitions.filter((t) => t.who === 'system').map((t) => `${t.from}->${t.to}`)).toEqual([
    'vote->notice',
    'vote->ended',
    'evaluate->archived',
  ]);
});

describe.each(steps)('from %s', (from) => {
  test.each(Object.keys(moves) as Move[])('%s', async (move) => {
    const { action, data } = moves[move];
    const topicId = await topicIn(f, from);
    const allowed = legal[from][move];
    if (allowed) {
      const before = f.find('topics', { _id: topicId })[0]!;
      const topic = expectOk(await f.call(P.leader, 'deliberation', action, { topicId, ...data }), TopicDetail);
      expect(allowed).toContain(topic.step);
      const after = f.find('topics', { _id: topicId })[0]!;
      expect(after.step).toBe(topic.step);
      expect(after.rev).toBe(before.rev + 1);
      expect(after.history.at(-1)).toMatchObject({ from, to: topic.step, byName: expect.any(String) });
      expect(topic.history.at(-1)).toMatchObject({ from, to: topic.step });
    } else {
      const body = await f.expectNothingWritten(() => f.call(P.leader, 'deliberation', action, { topicId, ...data }));
      const error = expectError(body, 'PRECONDITION_FAILED', 'topic.illegal-move');
      expect(error.message).toContain(stepLabels[from]);
    }
  });
});

describe('who and when', () => {
  test('a resident cannot move a topic (FORBIDDEN, nothing written)', async () => {
    const topicId = await topicIn(f, 'collect');
    const body = await f.expectNothingWritten(() =>
      f.call(building1Resident, 'deliberation', 'advance', { topicId, to: 'review' }),
    );
    expectError(body, 'FORBIDDEN', 'topic.not-leader');
    expectError(
      await f.call(null, 'deliberation', 'advance', { topicId, to: 'review' }),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });

  test('the estate leader and an admin may move a building topic; 东湖 admin may not', async () => {
    const a = await topicIn(f, 'collect');
    expectOk(await f.call(P.estateLeader, 'deliberation', 'advance', { topicId: a, to: 'review' }), TopicDetail);
    const b = await topicIn(f, 'collect');
    expectOk(await f.call(P.admin, 'deliberation', 'advance', { topicId: b, to: 'review' }), TopicDetail);
    const c = await topicIn(f, 'collect');
    expectError(
      await f.expectNothingWritten(() =>
        f.call('other-admin', 'deliberation', 'advance', { topicId: c, to: 'review' }),
      ),
      'FORBIDDEN',
      'topic.out-of-scope',
    );
  });

  test('→ vote needs the CURRENT version passed and a future window; freezes the eligible households', async () => {
    const topicId = await topicIn(f, 'review');
    // A second version without reviews: the first one's pass no longer counts.
    const v2 = { ...passedProposal(2), reviews: [] };
    setTopic(f, topicId, { proposals: [passedProposal(1), v2] });
    expectError(
      await f.expectNothingWritten(() => f.call(P.leader, 'deliberation', 'advance', { topicId, ...moves.vote.data })),
      'PRECONDITION_FAILED',
      'topic.review-not-passed',
    );
    setTopic(f, topicId, { proposals: [passedProposal(1)] });
    expectError(
      await f.expectNothingWritten(() =>
        f.call(P.leader, 'deliberation', 'advance', {
          topicId,
          to: 'vote',
          rule: 'simple',
          closesAt: new Date(Date.now() - 1000).toISOString(),
        }),
      ),
      'VALIDATION',
      'topic.bad-window',
    );
    const topic = expectOk(
      await f.call(P.leader, 'deliberation', 'advance', { topicId, ...moves.vote.data }),
      TopicDetail,
    );
    expect(topic.vote).toMatchObject({ rule: 'simple', tally: null });
    const stored = f.find('topics', { _id: topicId })[0]!;
    const lived = new Set(f.find('roles', { kind: 'resident', buildingId: 'bld-xfl-1' }).map((r) => r.householdId));
    expect(stored.vote.eligibleHouseholds).toBe(lived.size);
    expect(stored.vote.eligible.map((e: { h: string }) => e.h).sort()).toEqual([...lived].sort());
    expect(JSON.stringify(topic)).not.toContain('hh-xfl');
  });

  test('→ execute needs the notice over, not suspended and every objection answered', async () => {
    const topicId = await topicIn(f, 'notice');
    const go = () => f.call(P.leader, 'deliberation', 'advance', { topicId, ...moves.execute.data });
    setTopic(f, topicId, { 'notice.endsAt': new Date(Date.now() + HOUR) });
    expectError(await f.expectNothingWritten(go), 'PRECONDITION_FAILED', 'topic.notice-running');
    setTopic(f, topicId, { 'notice.endsAt': new Date(Date.now() - 1000), 'notice.suspended': true });
    expectError(await f.expectNothingWritten(go), 'PRECONDITION_FAILED', 'topic.notice-suspended');
    // The open objections are the unanswered objection documents (no counter on the topic).
    setTopic(f, topicId, { 'notice.suspended': false });
    const objectionId = `obj-open-${topicId}`;
    insertDocs(f, 'objections', [
      {
        _id: objectionId,
        topicId,
        communityId: DEMO,
        authorId: 'user-resident',
        authorName: '居民',
        text: '有异议请说明',
        answer: null,
        answeredBy: null,
        answeredAt: null,
        createdAt: new Date(),
      },
    ]);
    expectError(await f.expectNothingWritten(go), 'PRECONDITION_FAILED', 'topic.objections-open');
    setDoc(f, 'objections', objectionId, { answer: '已答复', answeredBy: 'user-leader', answeredAt: new Date() });
    const topic = expectOk(await go(), TopicDetail);
    expect(topic.execution).toMatchObject({ executor: '幸福里物业', dueDate: '2027-06-30', progress: [] });
  });

  test('→ archived waits for the evaluation window', async () => {
    const topicId = await topicIn(f, 'evaluate');
    setTopic(f, topicId, {
      'evaluation.endsAt': new Date(Date.now() + HOUR),
      evaluationEndsAt: new Date(Date.now() + HOUR),
    });
    expectError(
      await f.expectNothingWritten(() => f.call(P.leader, 'deliberation', 'advance', { topicId, to: 'archived' })),
      'PRECONDITION_FAILED',
      'topic.evaluation-running',
    );
  });

  test('two leaders racing the same move: exactly one lands', async () => {
    const topicId = await topicIn(f, 'collect');
    const replies = await Promise.all(
      [P.leader, P.estateLeader, P.admin].map((o) => f.call(o, 'deliberation', 'advance', { topicId, to: 'review' })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(f.find('topics', { _id: topicId })[0]!.history).toHaveLength(2);
  });
});
