/**
 * Helpers for the deliberation tests: the people (by role), opening a topic through the real
 * function, putting a topic directly into any step (with the conditions of the next move met),
 * and writing stored fields directly (back-dating windows for the scheduler).
 */
import { TopicDetail, type Step } from '../../types/deliberation';
import { VOTE_SETTLE_MS } from '../../cloudfunctions/deliberation/src/store';
import { expectError, expectOk, openidOfRoleHolder } from '../account/helpers';
import { DEMO, demoPersonas, type Fixture } from '../support/fixtures';

export { expectError, expectOk };
export const P = demoPersonas;
const DAY = 24 * 60 * 60 * 1000;

/** The 议事会 chair (a generated resident of 幸福里). */
export const deliberationChair = openidOfRoleHolder(
  (r) => r.kind === 'council_member' && r.councilKind === 'deliberation' && r.position === 'chair',
);
/** A non-chair member of the 监事会. */
export const supervisoryMember = openidOfRoleHolder(
  (r) => r.kind === 'council_member' && r.councilKind === 'supervisory' && r.position === 'member',
);
/** A resident of 幸福里 2号楼 (outside demo-leader's building, inside the estate). */
export const building2Resident = openidOfRoleHolder(
  (r) => r.kind === 'resident' && r.buildingId === 'bld-xfl-2' && /^user-r\d/.test(r.userId),
);
/** A resident of 幸福里 1号楼 other than demo-resident. */
export const building1Resident = openidOfRoleHolder(
  (r) => r.kind === 'resident' && r.buildingId === 'bld-xfl-1' && /^user-r\d/.test(r.userId),
);
/** A resident of 和谐家园 (another estate of the same community). */
export const hxjyResident = openidOfRoleHolder(
  (r) => r.kind === 'resident' && r.estateId === 'estate-hxjy' && /^user-r\d/.test(r.userId),
);

export const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

export const openInput = (over: Record<string, unknown> = {}) => ({
  communityId: DEMO,
  estateId: 'estate-xfl',
  buildingId: 'bld-xfl-1',
  title: '1号楼加装电梯',
  background: '1号楼老人多，上下楼不便，居民提议加装电梯，请大家发表意见。',
  collectEndsAt: inFuture(7 * DAY),
  ...over,
});

export async function openTopic(f: Fixture, over: Record<string, unknown> = {}, openid: string = P.leader) {
  return expectOk(await f.call(openid, 'deliberation', 'open', openInput(over)), TopicDetail);
}

/** Sets fields of a stored document directly (bypassing the function). */
export function setDoc(f: Fixture, collection: string, id: string, fields: Record<string, unknown>): void {
  f.update(collection, id, fields);
}

export const setTopic = (f: Fixture, id: string, fields: Record<string, unknown>) => setDoc(f, 'topics', id, fields);

/**
 * Time travel for a vote: moves its window's end (`vote.closesAt` and the timer's copy
 * `voteClosesAt`) to `ago` ms before now. `ago` > VOTE_SETTLE_MS: the vote may be closed at once.
 */
export function closeWindowAgo(f: Fixture, id: string, ago: number): Date {
  const at = new Date(Date.now() - ago);
  setTopic(f, id, { 'vote.closesAt': at, voteClosesAt: at });
  return at;
}

/** Far enough back that the settle period is over too. */
export const SETTLED = VOTE_SETTLE_MS + 1000;

export function insertDocs(f: Fixture, collection: string, docs: object[]): void {
  f.insert(collection, docs);
}

/** Who signs for each body in the demo (one person per body; none of them drafted the proposal). */
const demoSigners = {
  party_branch: 'user-estate-leader',
  owners: 'user-council-chair',
  deliberation: 'user-deliberation-chair',
  supervisory: 'user-supervisor',
} as const;

/** The four favourable reviews of a proposal, each by a different person. */
export function passedProposal(version = 1) {
  const at = new Date();
  return {
    version,
    text: '由业委会牵头申请加装电梯，费用按楼层分摊。',
    answersOpinionIds: [],
    draftedAt: at,
    draftedBy: 'user-leader',
    reviews: (['party_branch', 'owners', 'deliberation', 'supervisory'] as const).map((body) => ({
      body,
      verdict: 'agree',
      comment: '',
      byId: demoSigners[body],
      byName: '某人',
      at,
    })),
  };
}

/** The eligible list of 1号楼 households with residents, as the server freezes it. */
export function eligibleOf(f: Fixture, buildingId = 'bld-xfl-1') {
  const households = f.find('households', { buildingId });
  const lived = new Set(f.find('roles', { kind: 'resident', buildingId }).map((r) => r.householdId));
  return households
    .filter((h) => lived.has(h._id))
    .map((h) => ({ h: h._id as string, a: Math.round((h.floorArea as number) * 100) }))
    .sort((x, y) => (x.h < y.h ? -1 : 1));
}

/**
 * A topic put directly into `step`, with the conditions of the NEXT move met (a passed
 * proposal in review, an expired window in vote, a finished notice, an evaluation window
 * over). Returns its id.
 */
export async function topicIn(f: Fixture, step: Step): Promise<string> {
  const topic = await openTopic(f);
  const id = topic.id;
  // Older than the vote's settle period, so a vote put here may be closed at once.
  const past = new Date(Date.now() - VOTE_SETTLE_MS - 1000);
  const eligible = eligibleOf(f);
  const vote = {
    rule: 'simple',
    opensAt: new Date(Date.now() - DAY),
    closesAt: past,
    eligible,
    eligibleHouseholds: eligible.length,
    eligibleAreaCents: eligible.reduce((s, e) => s + e.a, 0),
    tally: null,
  };
  const fields: Record<string, unknown> = { step };
  if (step !== 'collect') fields.proposals = [passedProposal()];
  if (['vote', 'notice', 'execute', 'evaluate', 'archived'].includes(step)) {
    fields.vote = vote;
    fields.voteClosesAt = past;
  }
  if (['notice', 'execute', 'evaluate', 'archived'].includes(step)) {
    fields.notice = { startsAt: new Date(Date.now() - 8 * DAY), endsAt: past, suspended: false, suspendReason: null };
  }
  if (['execute', 'evaluate', 'archived'].includes(step)) {
    fields.execution = { executor: '物业公司', dueDate: '2027-06-30', progress: [] };
  }
  if (['evaluate', 'archived'].includes(step)) {
    fields.evaluation = { endsAt: past };
    fields.evaluationEndsAt = past;
  }
  if (step === 'ended') fields.endedReason = '测试';
  setTopic(f, id, fields);
  return id;
}

/** The leader opens the vote on a topic in 联审 (simple majority, closing in an hour); returns the topic. */
export async function openVoteOn(f: Fixture, topicId: string): Promise<TopicDetail> {
  const body = await f.call(P.leader, 'deliberation', 'advance', {
    topicId,
    to: 'vote',
    rule: 'simple',
    closesAt: inFuture(3_600_000),
  });
  return expectOk(body, TopicDetail);
}

/** The resident's opinion `<topicId>:op-a` on a topic, stored directly (a participant for a topic's later moments). */
export function insertResidentOpinion(f: Fixture, topicId: string): void {
  f.insert('opinions', [
    {
      _id: `${topicId}:op-a`,
      topicId,
      communityId: DEMO,
      authorId: 'user-resident',
      authorName: '居民',
      text: '建议尽快施工',
      photos: [],
      supportCount: 0,
      createdAt: new Date(),
    },
  ]);
}
