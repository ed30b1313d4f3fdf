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
import { withPointRules, type PointRulesDoc } from '../../_shared/point-rules';
import { AppError } from '../../../types/errors';
import type { Choice, ReviewBody, Step, Tally, Verdict, VoteRule } from '../../../types/deliberation';
import type { Holdable } from '../../_shared/moderation';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';

export const TOPICS = Collections.topics;
export const OPINIONS = Collections.opinions;
export const SUPPORTS = Collections.opinionSupports;
export const BALLOTS = Collections.ballots;
export const OBJECTIONS = Collections.objections;
export const RATINGS = Collections.topicRatings;

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The default public-notice period after a passed vote. */
export const NOTICE_DAYS = 7;

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

export interface HistoryDoc {
  at: Date;
  byId: string | null;
  byName: string;
  from: Step | null;
  to: Step;
  note: string | null;
}

export interface ReviewDoc {
  body: ReviewBody;
  verdict: Verdict;
  comment: string;
  byId: string;
  byName: string;
  at: Date;
  /** Signed under a 支部书记+业委会主任 一肩挑 dual post (the same person signed both bodies). */
  dualPost?: boolean;
}

export interface ProposalDoc {
  version: number;
  text: string;
  answersOpinionIds: string[];
  draftedAt: Date;
  draftedBy: string;
  reviews: ReviewDoc[];
}

/** One eligible household as frozen when voting opened: id and floor area in hundredths. */
export interface EligibleDoc {
  h: string;
  a: number;
}

export interface VoteDoc {
  rule: VoteRule;
  opensAt: Date;
  closesAt: Date;
  eligible: EligibleDoc[];
  eligibleHouseholds: number;
  eligibleAreaCents: number;
  /** The public-notice period chosen when voting opened (absent on older topics: NOTICE_DAYS). */
  noticeDays?: number;
  tally: Tally | null;
}

export interface NoticeDoc {
  startsAt: Date;
  endsAt: Date;
  suspended: boolean;
  suspendReason: string | null;
}

export interface ProgressDoc {
  percent: number;
  note: string;
  photos: string[];
  byId: string;
  byName: string;
  at: Date;
}

export interface TopicDoc extends Holdable {
  _id: string;
  communityId: string;
  estateId: string;
  buildingId: string | null;
  scopeLabel: string;
  title: string;
  background: string;
  photos: string[];
  collectEndsAt: Date;
  leaderId: string;
  leaderName: string;
  step: Step;
  rev: number;
  proposals: ProposalDoc[];
  vote: VoteDoc | null;
  /** Copy of vote.closesAt at the top level, indexed with `step` for the timer. */
  voteClosesAt: Date | null;
  notice: NoticeDoc | null;
  /**
   * No longer written or read: open objections are counted from the objection documents
   * (docs/adr/0016). Topics stored before still carry it.
   */
  openObjections?: number;
  execution: { executor: string; dueDate: string; progress: ProgressDoc[] } | null;
  evaluation: { endsAt: Date } | null;
  /** Copy of evaluation.endsAt at the top level, for the timer. */
  evaluationEndsAt: Date | null;
  endedReason: string | null;
  history: HistoryDoc[];
  openedAt: Date;
  updatedAt: Date;
}

export interface OpinionDoc extends Holdable {
  _id: string;
  topicId: string;
  communityId: string;
  authorId: string;
  authorName: string;
  text: string;
  photos: string[];
  supportCount: number;
  createdAt: Date;
}

export interface SupportDoc {
  _id: string;
  opinionId: string;
  topicId: string;
  userId: string;
  createdAt: Date;
}

export interface BallotDoc {
  _id: string;
  topicId: string;
  householdId: string;
  /** The household's floor area (hundredths of m²) as frozen when voting opened. */
  areaCents: number;
  choice: Choice;
  userId: string;
  castAt: Date;
}

export interface ObjectionDoc extends Holdable {
  _id: string;
  topicId: string;
  communityId: string;
  authorId: string;
  authorName: string;
  text: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: Date | null;
  createdAt: Date;
}

export interface RatingDoc extends Holdable {
  _id: string;
  topicId: string;
  householdId: string;
  userId: string;
  score: number;
  /** 1 for a score of 4 or 5, else 0 (summed for the satisfaction rate). */
  high: number;
  comment: string;
  createdAt: Date;
  /** The topic's community: written with a held comment (the reviewers' list needs it). */
  communityId?: string;
}

export const ballotId = (topicId: string, householdId: string) => `${topicId}:${householdId}`;
export const ratingId = (topicId: string, householdId: string) => `${topicId}:${householdId}`;
export const supportId = (opinionId: string, userId: string) => `${opinionId}:${userId}`;

export async function findTopic(ctx: Ctx, topicId: string): Promise<TopicDoc | null> {
  const res = await ctx.db.collection(TOPICS).where({ _id: topicId }).limit(1).get();
  return ((res.data ?? []) as TopicDoc[])[0] ?? null;
}

export function topicNotFound(): AppError {
  return new AppError('NOT_FOUND', 'topic.not-found', '该议题不存在或已被删除');
}

export async function mustFindTopic(ctx: Ctx, topicId: string): Promise<TopicDoc> {
  const topic = await findTopic(ctx, topicId);
  if (!topic) throw topicNotFound();
  return topic;
}

/** The topic and its community's point rules, in one request (NOT_FOUND when there is no topic). */
export async function mustFindTopicWithRules(
  ctx: Ctx,
  topicId: string,
): Promise<{ topic: TopicDoc; rules: PointRulesDoc }> {
  const found = await withPointRules<TopicDoc>(ctx, TOPICS, topicId);
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
