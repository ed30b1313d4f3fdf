/**
 * The stored shapes of the deliberation area and how verbs read them. Invariants:
 * - a topic is one document in `topics`; its history, proposals (every version, never
 *   overwritten), vote settings (with the FROZEN list of eligible households), notice,
 *   execution and evaluation are embedded; the history is only ever appended (`_.push`) in the
 *   same conditional write that changes the step;
 * - `rev` counts the writes that matter for moves; every move and every embedded change is
 *   conditional on the step AND the revision it read, so nothing decided on stale data lands;
 * - opinions, supports, ballots, objections and ratings are their own documents; supports,
 *   ballots and ratings have natural keys (`<opinionId>:<userId>`, `<topicId>:<householdId>`),
 *   so a second one is a duplicate-key error, however concurrent;
 * - floor areas are kept in hundredths of a square metre (integers), so every threshold is
 *   exact integer arithmetic and a sum is the same in any order.
 */
import { deliver } from '../../_shared/outbox';
import { withPointRules, type PointRulesDoc } from '../../_shared/point-rules';
import { AppError } from '../../../types/errors';
import { PERIOD_DAYS } from '../../../types/labels/deliberation';
import type { BallotDoc, ProposalDoc, TopicDoc, VoteDoc } from '../../../types/documents';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { mustGetById } from '../../_shared/db-helpers';

export type {
  BallotDoc,
  EligibleDoc,
  HistoryDoc,
  NoticeDoc,
  ObjectionDoc,
  OpinionDoc,
  ProgressDoc,
  ProposalDoc,
  ReviewDoc,
  SupportDoc,
  TopicDoc,
  TopicRatingDoc,
  VoteDoc,
} from '../../../types/documents';

/** A topic's steps when it is opened: collecting, nothing after that yet (`open` writes them; so do the test factories). */
export const openedTopicSteps = (): Pick<
  TopicDoc,
  | 'step'
  | 'rev'
  | 'proposals'
  | 'vote'
  | 'voteClosesAt'
  | 'notice'
  | 'execution'
  | 'evaluation'
  | 'evaluationEndsAt'
  | 'endedReason'
> => ({
  step: 'collect',
  rev: 0,
  proposals: [],
  vote: null,
  voteClosesAt: null,
  notice: null,
  execution: null,
  evaluation: null,
  evaluationEndsAt: null,
  endedReason: null,
});

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The default public-notice period after a passed vote (a vote stored before it was kept). */
export const NOTICE_DAYS = PERIOD_DAYS.default;

/**
 * The settle period of a vote (docs/adr/0009-vote-settle-period.md): a vote is closed (tallied),
 * by a person or by the timer, only once `now ≥ vote.closesAt + VOTE_SETTLE_MS`. A ballot whose
 * window check passed at t ≤ closesAt has been written (or its call has ended) by t + the
 * function's timeout — `timeout` in cloudfunctions/deliberation/config.json, 20 s — so by then
 * every ballot that was let in is in the `ballots` collection, and the tally's aggregation sees
 * it. castBallot also withdraws its own ballot when it finds itself past closesAt +
 * VOTE_SETTLE_MS / 2 after the insert. MUST stay above the function timeout: raise it with it.
 */
export const VOTE_SETTLE_MS = 30_000;

/** The earliest instant (ms) the vote may be closed: `closesAt` + the settle period. */
export function settlesAt(vote: Pick<VoteDoc, 'closesAt'>): number {
  return ms(vote.closesAt) + VOTE_SETTLE_MS;
}

/** m² → hundredths of m² (an integer). */
export function toCents(area: number): number {
  return Math.round(area * 100);
}

export const ballotId = (topicId: string, householdId: string) => `${topicId}:${householdId}`;
export const ratingId = (topicId: string, householdId: string) => `${topicId}:${householdId}`;
export const supportId = (opinionId: string, userId: string) => `${opinionId}:${userId}`;

/**
 * The key of a 代办 ballot's audit entry (`audit-proxy.castBallot:<key>`): the ballot and the
 * instant it was cast, since a household may vote again after an admin refused its proxy ballot.
 */
export function proxyBallotKey(ballot: Pick<BallotDoc, '_id' | 'castAt'>): string {
  return `${ballot._id}:${ms(ballot.castAt)}`;
}

export function topicNotFound(): AppError {
  return new AppError('NOT_FOUND', 'topic.not-found', '该议题不存在或已被删除');
}

/**
 * Batches a topic owes by design, not after a crash: a vote's result, which `closeVote` leaves
 * owed to the residents (docs/adr/0017). Only the topic's detail view (`get`) and the residents'
 * message centres deliver them, so no other verb reading the topic pays for telling a building.
 */
export const LEFT_TO_VIEWS: ReadonlySet<string> = new Set(['result']);

/**
 * The topic, or NOT_FOUND `topic.not-found`. A topic that still owes messages (an act that died
 * before delivering them: `outbox`, _shared/outbox.ts) has them delivered first — with `view`
 * (the topic's detail) also what is left to the views (`LEFT_TO_VIEWS`).
 */
export async function mustFindTopic(ctx: Ctx, topicId: string, view = false): Promise<TopicDoc> {
  const topic = await mustGetById(ctx, Collections.topics, topicId, topicNotFound);
  await deliver(ctx, Collections.topics, topic, 'batches', view ? new Set() : LEFT_TO_VIEWS);
  return topic;
}

/** The topic and its community's point rules, in one request (NOT_FOUND when there is no topic). */
export async function mustFindTopicWithRules(
  ctx: Ctx,
  topicId: string,
): Promise<{ topic: TopicDoc; rules: PointRulesDoc }> {
  const found = await withPointRules<TopicDoc>(ctx, Collections.topics, topicId);
  if (!found) throw topicNotFound();
  return { topic: found.doc, rules: found.rules };
}

/** The proposal under review: the last version, or null before the first draft. */
export function currentProposal(topic: Pick<TopicDoc, 'proposals'>): ProposalDoc | null {
  return topic.proposals.length > 0 ? topic.proposals[topic.proposals.length - 1]! : null;
}

/** A stored time in milliseconds (the database hands back Dates; strings are tolerated). */
export function ms(value: Date | string): number {
  return new Date(value).getTime();
}

/** True when the write was applied to exactly one document. */
export function wroteOne(res: { updated?: number }): boolean {
  return res.updated === 1;
}

export function changed(): AppError {
  return new AppError('PRECONDITION_FAILED', 'topic.changed', '议题刚刚发生了变化，请刷新后重试');
}
