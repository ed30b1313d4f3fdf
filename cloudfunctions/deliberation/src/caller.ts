/**
 * The caller and the topic they act on, in one request (issue #13 part 4): the caller's user
 * document with their roles, the topic with its community's point rules and objections, whether
 * the caller's participation in `step` is already credited, and — as the verb asks — the
 * topic's ballot or rating totals with the caller's own households' ballots or ratings. One
 * aggregation on `users`: simple `$lookup`s by field (the roles; the ledger entry by its key; the
 * ratings or ballots of the caller's households by their ids, computed from the roles) and
 * uncorrelated `$lookup` sub-pipelines with constants (the topic with its joins; the totals; for
 * the turnout, the 代办 ballots with their households' rooms — projected without the choice).
 * Invariants: what it answers is what separate reads would answer at that moment; the credit
 * flag only saves work — the ledger entry's key still guards the credit in the write; a caller
 * without a user document gets the topic by the ordinary read (they are refused anyway).
 */
import type { Step } from '../../../types/deliberation';
import { callerJoined, type Actor, type RowStages } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { rulesOf, type PointRulesDoc } from '../../_shared/point-rules';
import { mustFindTopicWithRules, topicNotFound, type ObjectionDoc, type TopicDoc } from './store';

/** 代办 ballots of one topic read at once (the old separate query's limit). */
const PROXIED_MAX = 1000;

export interface Totals {
  households: number;
  areaCents: number;
  high: number;
  scoreSum: number;
}

export interface CallerAndTopic {
  actor: Actor;
  topic: TopicDoc;
  rules: PointRulesDoc;
  /** The objections of the topic, oldest first. */
  objections: ObjectionDoc[];
  /** The caller's participation entry for `step` exists (null: not known — read nothing). */
  credited: boolean | null;
  /**
   * The caller has a balance document in the topic's community (null: not known). Only a hint:
   * a credit that believes it absent adds it, and one created meanwhile makes that add collide.
   */
  hasBalance: boolean | null;
  /** Ids of the ballots or ratings stored for the caller's households (of `totalsOf`). */
  mine: Set<string>;
  /** Count and sums over the topic's ballots or ratings (`totalsOf`), null when not asked. */
  totals: Totals | null;
  /**
   * The topic's ballots a proxy cast (`proxyBallots`), with their households (never the choice),
   * null when not asked.
   */
  proxied: ProxiedBallot[] | null;
}

/** A 代办 ballot as read with the caller: who acted and when, and the household's room. */
export interface ProxiedBallot {
  householdId: string;
  castAt: Date | string;
  proxy?: { actorName?: string };
  _household?: Array<{ room?: string }>;
}

interface Joined {
  _topic?: Array<TopicDoc & { _rules?: Array<Partial<PointRulesDoc>>; _objections?: ObjectionDoc[] }>;
  _credit?: unknown[];
  _balance?: unknown[];
  _mine?: Array<{ _id: string }>;
  _totals?: Totals[];
  _proxied?: ProxiedBallot[];
}

type TopicOpts = { step: Step; totalsOf?: 'ballots' | 'ratings'; proxyBallots?: boolean };

/**
 * What the caller's read joins to the caller's row (`callerJoined`, or a 代办's `actingFor`, where
 * it runs on the resident's row): see the header.
 */
export function topicStages(ctx: Ctx, topicId: string, opts: TopicOpts): RowStages {
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const from = opts.totalsOf === 'ballots' ? Collections.ballots : Collections.topicRatings;
  return (caller) => {
    let query = caller
      .addFields({
        _creditKey: $.concat([`deliberation:${topicId}:${opts.step}:`, '$_id']),
        _mineIds: $.map({
          input: '$roles',
          as: 'r',
          in: $.concat([`${topicId}:`, $.ifNull(['$$r.householdId', ''])]),
        }),
      })
      .lookup({ from: Collections.pointLedger, localField: '_creditKey', foreignField: '_id', as: '_credit' })
      .lookup({
        from: Collections.topics,
        pipeline: $.pipeline()
          .match({ _id: topicId })
          .limit(1)
          .lookup({ from: Collections.pointRules, localField: 'communityId', foreignField: '_id', as: '_rules' })
          .lookup({ from: Collections.objections, localField: '_id', foreignField: 'topicId', as: '_objections' })
          .done(),
        as: '_topic',
      })
      // The caller's balance in the topic's community (its key: `<communityId>:<userId>`), so a
      // first credit creates it with one request instead of an update that finds nothing and a set.
      .addFields({ _balanceKey: $.concat([$.arrayElemAt(['$_topic.communityId', 0]), ':', '$_id']) })
      .lookup({ from: Collections.pointBalances, localField: '_balanceKey', foreignField: '_id', as: '_balance' });
    if (opts.totalsOf) {
      query = query.lookup({ from, localField: '_mineIds', foreignField: '_id', as: '_mine' }).lookup({
        from,
        pipeline: $.pipeline()
          .match({ topicId })
          .group({
            _id: null,
            households: $.sum(1),
            areaCents: $.sum($.ifNull(['$areaCents', 0])),
            high: $.sum($.ifNull(['$high', 0])),
            scoreSum: $.sum($.ifNull(['$score', 0])),
          })
          .done(),
        as: '_totals',
      });
    }
    if (opts.proxyBallots) {
      // The 代办 ballots with their rooms; the projection keeps the choice out before anything else.
      query = query.lookup({
        from: Collections.ballots,
        pipeline: $.pipeline()
          .match({ topicId, proxy: _.exists(true) })
          .limit(PROXIED_MAX)
          .project({ householdId: 1, castAt: 1, proxy: 1 })
          .lookup({ from: Collections.households, localField: 'householdId', foreignField: '_id', as: '_household' })
          .done(),
        as: '_proxied',
      });
    }
    return query.project({ '_credit.explanation': 0, '_mine.choice': 0, '_mine.comment': 0, '_balance.quarters': 0 });
  };
}

/**
 * The topic and the rest `topicStages` joined to `actor`'s row (`joined`; null — a caller
 * without a user document, refused by every verb here — reads the topic the ordinary way).
 */
export async function topicOfJoined(
  ctx: Ctx,
  actor: Actor,
  joined: Record<string, unknown> | null,
  topicId: string,
  opts: TopicOpts,
): Promise<CallerAndTopic> {
  if (!joined) {
    const { topic, rules } = await mustFindTopicWithRules(ctx, topicId);
    return {
      actor,
      topic,
      rules,
      objections: [],
      credited: null,
      hasBalance: null,
      mine: new Set(),
      totals: null,
      proxied: null,
    };
  }
  const { _topic = [], _credit = [], _balance = [], _mine = [], _totals = [], _proxied = [] } = joined as Joined;
  const found = _topic[0];
  if (!found) throw topicNotFound();
  const { _rules = [], _objections = [], ...topic } = found;
  const objections = [..._objections].sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
  return {
    actor,
    topic: topic as TopicDoc,
    rules: rulesOf(topic.communityId, _rules[0]),
    objections,
    credited: _credit.length > 0,
    hasBalance: _balance.length > 0,
    mine: new Set(_mine.map((d) => d._id)),
    totals: opts.totalsOf ? (_totals[0] ?? { households: 0, areaCents: 0, high: 0, scoreSum: 0 }) : null,
    proxied: opts.proxyBallots ? _proxied : null,
  };
}

/** The caller and the topic they act on, in one request (see the header). */
export async function loadCallerAndTopic(ctx: Ctx, topicId: string, opts: TopicOpts): Promise<CallerAndTopic> {
  const { actor, joined } = await callerJoined(ctx, topicStages(ctx, topicId, opts));
  return topicOfJoined(ctx, actor, joined, topicId, opts);
}
