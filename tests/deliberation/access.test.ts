/**
 * Every action: bad input is VALIDATION and writes nothing; an anonymous caller is
 * UNAUTHENTICATED; a person of 东湖 (admin or resident) is FORBIDDEN in 幸福里's topics; people
 * without the right role are FORBIDDEN (a resident of another building on a building topic, a
 * building leader opening an estate-wide topic, a resident opening a topic…).
 */
import { deliberationActions, Opinion, TopicDetail, TopicPage } from '../../types/deliberation';
import { DEMO, startFixture, type Fixture } from '../support/fixtures';
import { proxyAuditEntry } from '../dashboard/rollups';
import {
  building2Resident,
  expectError,
  expectOk,
  hxjyResident,
  inFuture,
  openInput,
  openTopic,
  P,
  topicIn,
} from './helpers';

let f: Fixture;
let collectId: string;
let opinionId: string;
beforeAll(async () => {
  f = await startFixture();
  collectId = (await openTopic(f)).id;
  opinionId = expectOk(
    await f.call(P.resident, 'deliberation', 'postOpinion', { topicId: collectId, text: '建议先做好安全评估' }),
    Opinion,
  ).id;
});
afterAll(() => f.stop());
/** A 代办 opinion's audit entry in 幸福里 (the act itself need not exist for the checks here). */
const proxyEntryId = 'audit-proxy.postOpinion:no-such-opinion';
beforeAll(() => {
  const entry = proxyAuditEntry({
    communityId: DEMO,
    actorId: 'user-gw',
    actorName: '网格员',
    residentId: 'user-resident',
  });
  f.insert('audit_log', [
    { ...entry('no-such-opinion', 'proxy.postOpinion', null, new Date()), targetKind: 'opinion' },
  ]);
});

type Action = keyof typeof deliberationActions;
/** A valid input for each action (the topic in collect), and one that breaks its schema. */
const inputs = (): Record<Action, { ok: Record<string, unknown>; bad: Record<string, unknown> }> => ({
  open: { ok: openInput(), bad: openInput({ title: '短' }) },
  list: { ok: { communityId: DEMO }, bad: { communityId: DEMO, limit: 500 } },
  get: { ok: { topicId: collectId }, bad: { topicId: '' } },
  advance: { ok: { topicId: collectId, to: 'review' }, bad: { topicId: collectId, to: 'nowhere' } },
  end: { ok: { topicId: collectId, reason: '不再需要' }, bad: { topicId: collectId, reason: '' } },
  postOpinion: { ok: { topicId: collectId, text: '这是一条测试意见' }, bad: { topicId: collectId, text: '短' } },
  supportOpinion: { ok: { opinionId }, bad: { opinionId: 42 } },
  listOpinions: { ok: { topicId: collectId }, bad: { topicId: collectId, sort: 'random' } },
  draftProposal: {
    ok: { topicId: collectId, text: '方案正文至少十个字以上' },
    bad: { topicId: collectId, text: '短' },
  },
  recordReview: {
    ok: { topicId: collectId, body: 'owners', verdict: 'agree' },
    bad: { topicId: collectId, body: 'owners', verdict: 'disagree', comment: '' },
  },
  castBallot: { ok: { topicId: collectId, choice: 'agree' }, bad: { topicId: collectId, choice: 'maybe' } },
  turnout: { ok: { topicId: collectId }, bad: { topicId: collectId, extra: 1 } },
  closeVote: { ok: { topicId: collectId }, bad: {} },
  recomputeTally: { ok: { topicId: collectId }, bad: {} },
  lodgeObjection: { ok: { topicId: collectId, text: '我有异议请说明' }, bad: { topicId: collectId, text: '' } },
  answerObjection: {
    ok: { topicId: collectId, objectionId: 'x', answer: '已答复' },
    bad: { topicId: collectId, objectionId: 'x', answer: '' },
  },
  suspendNotice: { ok: { topicId: collectId, reason: '需要核实' }, bad: { topicId: collectId } },
  liftSuspension: { ok: { topicId: collectId, reason: '已核实' }, bad: { topicId: collectId, reason: 'x' } },
  addProgress: {
    ok: { topicId: collectId, percent: 10, note: '开工' },
    bad: { topicId: collectId, percent: 101, note: '开工' },
  },
  rate: { ok: { topicId: collectId, score: 5 }, bad: { topicId: collectId, score: 6 } },
  reconcile: { ok: { communityId: DEMO }, bad: { communityId: DEMO, after: '' } },
  heldTexts: { ok: { communityId: DEMO }, bad: { communityId: DEMO, limit: 500 } },
  clearHold: {
    ok: { kind: 'opinion', id: opinionId, decision: 'pass' },
    bad: { kind: 'wish', id: opinionId, decision: 'pass' },
  },
  refuseProxyAct: {
    ok: { auditId: proxyEntryId, reason: '未经居民本人同意' },
    bad: { auditId: proxyEntryId, reason: '' },
  },
});
const actions = Object.keys(deliberationActions) as Action[];

describe.each(actions)('%s', (action) => {
  test('bad input: VALIDATION, nothing written', async () => {
    const body = await f.expectNothingWritten(() => f.call(P.admin, 'deliberation', action, inputs()[action].bad));
    expectError(body, 'VALIDATION', 'input.invalid');
  });
  test('anonymous: UNAUTHENTICATED, nothing written', async () => {
    const body = await f.expectNothingWritten(() => f.call(null, 'deliberation', action, inputs()[action].ok));
    expectError(body, 'UNAUTHENTICATED', 'auth.no-identity');
  });
  test('东湖 people: FORBIDDEN in 幸福里, nothing written', async () => {
    for (const openid of ['other-admin', 'other-resident']) {
      const body = await f.expectNothingWritten(() => f.call(openid, 'deliberation', action, inputs()[action].ok));
      expectError(body, 'FORBIDDEN');
    }
  });
});

describe('roles', () => {
  test('opening: residents cannot; a building leader cannot open an estate-wide topic; leaders and admins can', async () => {
    for (const [openid, over] of [
      [P.resident, {}],
      [P.leader, { buildingId: undefined }],
      [P.leader, { buildingId: 'bld-xfl-2' }],
      [P.councilChair, {}],
    ] as const) {
      expectError(
        await f.expectNothingWritten(() => f.call(openid, 'deliberation', 'open', openInput(over))),
        'FORBIDDEN',
        'topic.not-leader',
      );
    }
    expectOk(await f.call(P.estateLeader, 'deliberation', 'open', openInput({ buildingId: undefined })), TopicDetail);
    expectOk(await f.call(P.admin, 'deliberation', 'open', openInput({ buildingId: 'bld-xfl-3' })), TopicDetail);
    expectError(
      await f.expectNothingWritten(() =>
        f.call(P.admin, 'deliberation', 'open', openInput({ collectEndsAt: new Date(Date.now() - 1).toISOString() })),
      ),
      'VALIDATION',
      'topic.bad-window',
    );
    expectError(
      await f.call(P.admin, 'deliberation', 'open', openInput({ buildingId: 'bld-dh-1' })),
      'NOT_FOUND',
      'topic.building-not-found',
    );
  });

  test('an estate-wide topic takes opinions from every building of the estate, not from 和谐家园', async () => {
    const topic = expectOk(
      await f.call(P.estateLeader, 'deliberation', 'open', openInput({ buildingId: undefined, title: '小区停车管理' })),
      TopicDetail,
    );
    expectOk(
      await f.call(building2Resident, 'deliberation', 'postOpinion', { topicId: topic.id, text: '建议划定固定车位' }),
      Opinion,
    );
    expectError(
      await f.expectNothingWritten(() =>
        f.call(hxjyResident, 'deliberation', 'postOpinion', { topicId: topic.id, text: '我也想说两句话' }),
      ),
      'FORBIDDEN',
      'topic.not-in-scope',
    );
  });

  test('leader-only actions refuse residents; list shows the community', async () => {
    const review = await topicIn(f, 'review');
    const execute = await topicIn(f, 'execute');
    for (const [action, data] of [
      ['draftProposal', { topicId: review, text: '居民自己起草的方案内容' }],
      ['end', { topicId: review, reason: '我想终止' }],
      ['addProgress', { topicId: execute, percent: 50, note: '居民报进度' }],
    ] as const) {
      expectError(
        await f.expectNothingWritten(() => f.call(P.resident, 'deliberation', action, data)),
        'FORBIDDEN',
        'topic.not-leader',
      );
    }
    const page = expectOk(
      await f.call(P.resident, 'deliberation', 'list', { communityId: DEMO, step: 'review' }),
      TopicPage,
    );
    expect(page.items.map((t) => t.id)).toContain(review);
    expect(page.items.every((t) => t.step === 'review')).toBe(true);
  });

  test('voting windows: ballots outside the step are refused', async () => {
    expectError(
      await f.expectNothingWritten(() =>
        f.call(P.resident, 'deliberation', 'castBallot', { topicId: collectId, choice: 'agree' }),
      ),
      'PRECONDITION_FAILED',
      'topic.wrong-step',
    );
    const vote = await topicIn(f, 'vote'); // window already closed
    expectError(
      await f.expectNothingWritten(() =>
        f.call(P.resident, 'deliberation', 'castBallot', { topicId: vote, choice: 'agree' }),
      ),
      'PRECONDITION_FAILED',
      'ballot.vote-closed',
    );
    void inFuture;
  });
});
