/**
 * Stored topics and opinions → what clients see, built field by field so no stored field
 * leaks. Invariants:
 * - opinion and objection authors are masked (张*) for everyone but the author and the
 *   topic's leaders/admins; reviewers, leaders and history entries act in an official capacity
 *   and are named in full;
 * - the tally is never shown while the topic is in the vote step (it is stored only when the
 *   vote closes anyway); ballots' choices are never returned;
 * - the frozen eligible list stays on the server (only its counts go out);
 * - one detail costs: one getTempFileURL batch (if photos), and only for the steps that need
 *   them: objections (notice), the caller's ballots (vote), a rating aggregation (evaluate).
 */
import {
  ReviewBody,
  type Opinion,
  type TopicAction,
  type TopicDetail,
  type TopicSummary,
} from '../../../types/deliberation';
import type { Actor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { heldFieldsOf, heldReader, type TextHold } from '../../_shared/moderation';
import { iso } from '../../_shared/db-helpers';
import { maskName } from '../../_shared/privacy';
import { isLeader, isSupervisor, residentRolesInScope, reviewRefusal, speaksFor } from './access';
import { tempUrls, toPhotos } from './photos';
import { reviewPassed } from './review-outcome';
import {
  currentProposal,
  ballotId,
  ratingId,
  ms,
  NOTICE_DAYS,
  settlesAt,
  type ObjectionDoc,
  type OpinionDoc,
  type TopicDoc,
} from './store';
import { movesFrom } from './transitions';
import { Collections } from '../../_shared/collections';

/** Whether this viewer may read this held text of the topic: its author, or a leader of the topic. */
export function mayReadHold(
  actor: Actor,
  topic: Pick<TopicDoc, 'communityId' | 'estateId' | 'buildingId'>,
  hold: TextHold,
): boolean {
  return (actor.user !== null && hold.authorId === actor.user._id) || isLeader(actor, topic);
}

/** A topic as a list shows it; held text is the placeholder unless `read` says otherwise. */
export function toSummary(
  doc: TopicDoc,
  read: <T extends string | null>(text: T) => T = heldReader(doc, () => false),
): TopicSummary {
  return {
    id: doc._id,
    communityId: doc.communityId,
    estateId: doc.estateId,
    buildingId: doc.buildingId,
    scopeLabel: doc.scopeLabel,
    title: read(doc.title),
    step: doc.step,
    leaderName: doc.leaderName,
    openedAt: iso(doc.openedAt),
    updatedAt: iso(doc.updatedAt),
  };
}

export function toOpinion(
  actor: Actor,
  topic: Pick<TopicDoc, 'communityId' | 'estateId' | 'buildingId'>,
  doc: OpinionDoc,
  urls: ReadonlyMap<string, string>,
  supportedByMe: boolean,
): Opinion {
  const own = actor.user !== null && actor.user._id === doc.authorId;
  const read = heldReader(doc, (hold) => mayReadHold(actor, topic, hold));
  return {
    id: doc._id,
    topicId: doc.topicId,
    authorName: own || isLeader(actor, topic) ? doc.authorName : maskName(doc.authorName),
    text: read(doc.text),
    photos: toPhotos(doc.photos, urls),
    supportCount: doc.supportCount,
    supportedByMe,
    createdAt: iso(doc.createdAt),
    proxyName: doc.proxy?.actorName ?? null,
    held: doc.held === true,
  };
}

/** The caller's households that were frozen as eligible when voting opened. */
export function eligibleHouseholdsOf(actor: Actor, topic: TopicDoc): string[] {
  if (!topic.vote) return [];
  const mine = new Set(residentRolesInScope(actor, topic).map((r) => r.householdId!));
  return topic.vote.eligible.filter((e) => mine.has(e.h)).map((e) => e.h);
}

async function existingIds(ctx: Ctx, collection: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(collection)
    .where({ _id: _.in(ids) })
    .field({ _id: true })
    .limit(ids.length)
    .get();
  return new Set(((res.data ?? []) as Array<{ _id: string }>).map((d) => d._id));
}

export interface RatingStats {
  ratings: number;
  high: number;
  scoreSum: number;
}

export async function ratingStats(ctx: Ctx, topicId: string): Promise<RatingStats> {
  return (await ratingsOf(ctx, topicId, [])).stats;
}

/**
 * The topic's rating statistics and which of `mine` (rating ids) exist, in one aggregation (a
 * topic's detail needs both).
 */
async function ratingsOf(
  ctx: Ctx,
  topicId: string,
  mine: string[],
): Promise<{ stats: RatingStats; rated: Set<string> }> {
  const $ = ctx.db.command.aggregate;
  const res = await ctx.db
    .collection(Collections.topicRatings)
    .aggregate()
    .match({ topicId })
    .group({
      _id: null,
      ratings: $.sum(1),
      high: $.sum('$high'),
      scoreSum: $.sum('$score'),
      mine: $.addToSet($.cond({ if: $.in(['$_id', mine]), then: '$_id', else: '' })),
    })
    .end();
  const row = ((res.data ?? []) as Array<RatingStats & { mine?: string[] }>)[0];
  if (!row) return { stats: { ratings: 0, high: 0, scoreSum: 0 }, rated: new Set() };
  return {
    stats: { ratings: row.ratings, high: row.high, scoreSum: row.scoreSum },
    rated: new Set((row.mine ?? []).filter((id) => id !== '')),
  };
}

/**
 * What a verb already read with the topic (caller.ts), so the detail reads nothing again: the
 * objections, the ids of the caller's households' ballots (vote step) and the rating totals with
 * the caller's households' ratings (once evaluating).
 */
export interface KnownForDetail {
  objections: ObjectionDoc[];
  voted?: Set<string>;
  ratings?: { stats: RatingStats; rated: Set<string> };
}

export async function toDetail(ctx: Ctx, actor: Actor, doc: TopicDoc, known?: KnownForDetail): Promise<TopicDetail> {
  const leader = isLeader(actor, doc);
  const inScope = actor.user !== null && residentRolesInScope(actor, doc).length > 0;
  const now = ctx.now().getTime();
  const progress = doc.execution?.progress ?? [];
  const photoIds = [...doc.photos, ...progress.flatMap((p) => p.photos)];
  const myEligible = eligibleHouseholdsOf(actor, doc);

  const [urls, objections, voted, ratings] = await Promise.all([
    photoIds.length > 0 ? tempUrls(photoIds) : Promise.resolve(new Map<string, string>()),
    known
      ? Promise.resolve({ data: doc.notice ? known.objections : [] })
      : doc.notice
        ? ctx.db
            .collection(Collections.objections)
            .where({ topicId: doc._id })
            .orderBy('createdAt', 'asc')
            .limit(1000)
            .get()
        : Promise.resolve({ data: [] }),
    known?.voted && doc.step === 'vote'
      ? Promise.resolve(known.voted)
      : doc.step === 'vote'
        ? existingIds(
            ctx,
            Collections.ballots,
            myEligible.map((h) => ballotId(doc._id, h)),
          )
        : Promise.resolve(new Set<string>()),
    known?.ratings && doc.evaluation
      ? Promise.resolve(known.ratings)
      : doc.evaluation
        ? ratingsOf(
            ctx,
            doc._id,
            myEligible.map((h) => ratingId(doc._id, h)),
          )
        : Promise.resolve(null),
  ]);
  const objectionDocs = (objections.data ?? []) as ObjectionDoc[];
  const rated = ratings?.rated ?? new Set<string>();
  const stats = ratings?.stats ?? null;

  // What the caller may do now.
  const allowed: TopicAction[] = [];
  const step = doc.step;
  if (leader) {
    if (movesFrom(step, 'advance').length > 0) allowed.push('advance');
    if (movesFrom(step, 'end').length > 0) allowed.push('end');
    if (step === 'review') allowed.push('draftProposal');
    // From the window's end; the screen shows the settle wait until `vote.settlesAt`, and the
    // verb refuses a close before it (`topic.vote-settling`).
    if (step === 'vote' && doc.vote && ms(doc.vote.closesAt) <= now) allowed.push('closeVote');
    if (step === 'notice' && objectionDocs.some((o) => o.answer === null)) allowed.push('answerObjection');
    if (step === 'execute') allowed.push('addProgress');
  }
  if (inScope && step === 'collect') allowed.push('postOpinion');
  const proposal = currentProposal(doc);
  if (
    step === 'review' &&
    proposal &&
    ReviewBody.options.some(
      (b) =>
        speaksFor(actor, doc, b) &&
        !proposal.reviews.some((r) => r.body === b) &&
        reviewRefusal(actor, doc, proposal, b) === null,
    )
  ) {
    allowed.push('recordReview');
  }
  if (
    step === 'vote' &&
    doc.vote &&
    ms(doc.vote.opensAt) <= now &&
    now <= ms(doc.vote.closesAt) &&
    myEligible.some((h) => !voted.has(ballotId(doc._id, h)))
  ) {
    allowed.push('castBallot');
  }
  if (step === 'notice' && inScope) allowed.push('lodgeObjection');
  if (step === 'notice' && isSupervisor(actor, doc))
    allowed.push(doc.notice?.suspended ? 'liftSuspension' : 'suspendNotice');
  if (
    step === 'evaluate' &&
    doc.evaluation &&
    now <= ms(doc.evaluation.endsAt) &&
    myEligible.some((h) => !rated.has(ratingId(doc._id, h)))
  ) {
    allowed.push('rate');
  }

  const mayRead = (hold: TextHold) => mayReadHold(actor, doc, hold);
  const read = heldReader(doc, mayRead);
  return {
    ...toSummary(doc, read),
    background: read(doc.background),
    photos: toPhotos(doc.photos, urls),
    collectEndsAt: iso(doc.collectEndsAt),
    proposals: doc.proposals.map((p) => ({
      version: p.version,
      text: read(p.text),
      answersOpinionIds: p.answersOpinionIds,
      draftedAt: iso(p.draftedAt),
      reviews: p.reviews.map((r) => ({
        body: r.body,
        verdict: r.verdict,
        comment: read(r.comment),
        byName: r.byName,
        at: iso(r.at),
        dualPost: r.dualPost === true,
      })),
      passed: reviewPassed(p, doc.leaderId),
    })),
    vote: doc.vote
      ? {
          rule: doc.vote.rule,
          opensAt: iso(doc.vote.opensAt),
          closesAt: iso(doc.vote.closesAt),
          settlesAt: new Date(settlesAt(doc.vote)).toISOString(),
          noticeDays: doc.vote.noticeDays ?? NOTICE_DAYS,
          tally: step === 'vote' ? null : doc.vote.tally,
        }
      : null,
    notice: doc.notice
      ? {
          startsAt: iso(doc.notice.startsAt),
          endsAt: iso(doc.notice.endsAt),
          suspended: doc.notice.suspended,
          suspendReason: read(doc.notice.suspendReason),
          objections: objectionDocs.map((o) => toObjection(actor, doc, o)),
        }
      : null,
    execution: doc.execution
      ? {
          executor: doc.execution.executor,
          dueDate: doc.execution.dueDate,
          progress: progress.map((p) => ({
            percent: p.percent,
            note: read(p.note),
            photos: toPhotos(p.photos, urls),
            byName: p.byName,
            at: iso(p.at),
          })),
        }
      : null,
    evaluation: doc.evaluation
      ? {
          endsAt: iso(doc.evaluation.endsAt),
          ratings: stats?.ratings ?? 0,
          satisfaction: stats && stats.ratings > 0 ? stats.high / stats.ratings : null,
          averageScore: stats && stats.ratings > 0 ? Math.round((stats.scoreSum / stats.ratings) * 100) / 100 : null,
          myHouseholdRated: myEligible.some((h) => rated.has(ratingId(doc._id, h))),
        }
      : null,
    endedReason: read(doc.endedReason),
    history: doc.history.map((h) => ({ at: iso(h.at), byName: h.byName, from: h.from, to: h.to, note: read(h.note) })),
    allowed,
    held: doc.held === true,
    heldFields: heldFieldsOf({ holds: (doc.holds ?? []).filter(mayRead) }),
    now: new Date(now).toISOString(),
  };
}

export function toObjection(
  actor: Actor,
  topic: Pick<TopicDoc, 'communityId' | 'estateId' | 'buildingId'>,
  o: ObjectionDoc,
) {
  const own = actor.user !== null && actor.user._id === o.authorId;
  const read = heldReader(o, (hold) => mayReadHold(actor, topic, hold));
  return {
    id: o._id,
    authorName: own || isLeader(actor, topic) ? o.authorName : maskName(o.authorName),
    text: read(o.text),
    answer: read(o.answer),
    answeredAt: o.answeredAt ? iso(o.answeredAt) : null,
    createdAt: iso(o.createdAt),
    held: o.held === true,
  };
}
