/**
 * deliberation.turnout — live participation by households and by floor area.
 * Invariants: visible to anyone who may see the topic, once voting has opened
 * (PRECONDITION_FAILED before); one count+sum aggregation over the ballots (never loads them)
 * and one `_.in` lookup of the caller's own households; never any choice. The topic's leaders and
 * admins also get the 代办 ballots (household, proxy, time — never the choice): one query on the
 * topic's ballots cast by a proxy and one read of their households.
 */
import { AppError } from '../../../types/errors';
import type { TopicIdInput, Turnout } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { getAll, getByIds, iso } from '../../_shared/db-helpers';
import { isLeader, requireVisible } from './access';
import { votedSoFar } from './ballot-totals';
import { ballotId, mustFindTopic, type BallotDoc, type TopicDoc } from './store';
import { eligibleHouseholdsOf } from './views';
import { Collections } from '../../_shared/collections';

/** `iVoted`: the caller is known to have a household's ballot (castBallot just stored one), so it is not looked up. */
export async function turnoutOf(ctx: Ctx, topic: TopicDoc, myHouseholds: string[], iVoted = false): Promise<Turnout> {
  const vote = topic.vote;
  if (!vote) throw new AppError('PRECONDITION_FAILED', 'topic.no-vote', '该议题尚未开始投票');
  const _ = ctx.db.command;
  const [voted, mine] = await Promise.all([
    votedSoFar(ctx, topic._id),
    myHouseholds.length > 0 && !iVoted
      ? ctx.db
          .collection(Collections.ballots)
          .where({ _id: _.in(myHouseholds.map((h) => ballotId(topic._id, h))) })
          .count()
      : Promise.resolve({ total: 0 }),
  ]);
  return {
    eligibleHouseholds: vote.eligibleHouseholds,
    eligibleArea: vote.eligibleAreaCents / 100,
    votedHouseholds: voted.households,
    votedArea: voted.areaCents / 100,
    myHouseholdVoted: iVoted || (mine.total ?? 0) > 0,
    closesAt: iso(vote.closesAt),
  };
}

export async function turnout({ ctx, input }: { ctx: Ctx; input: TopicIdInput }): Promise<Turnout> {
  const actor = await loadActor(ctx);
  const topic = await mustFindTopic(ctx, input.topicId);
  requireVisible(actor, topic);
  const [counts, proxied] = await Promise.all([
    turnoutOf(ctx, topic, eligibleHouseholdsOf(actor, topic)),
    isLeader(actor, topic) && topic.vote ? proxyBallotsOf(ctx, topic._id) : Promise.resolve(undefined),
  ]);
  return proxied ? { ...counts, proxyBallots: proxied } : counts;
}

/** The topic's ballots a proxy cast, oldest first, with their households' rooms (no choice is read). */
async function proxyBallotsOf(ctx: Ctx, topicId: string): Promise<NonNullable<Turnout['proxyBallots']>> {
  const _ = ctx.db.command;
  const ballots = await getAll<Pick<BallotDoc, '_id' | 'householdId' | 'castAt' | 'proxy'>>(
    ctx.db
      .collection(Collections.ballots)
      .where({ topicId, proxy: _.exists(true) })
      .field({ _id: true, householdId: true, castAt: true, proxy: true })
      .limit(1000),
  );
  if (ballots.length === 0) return [];
  const households = await getByIds(
    ctx,
    Collections.households,
    ballots.map((b) => b.householdId),
  );
  return ballots
    .sort((a, b) => new Date(a.castAt).getTime() - new Date(b.castAt).getTime())
    .map((b) => ({
      householdId: b.householdId,
      room: households.get(b.householdId)?.room ?? '',
      proxyName: b.proxy?.actorName ?? '',
      castAt: iso(b.castAt),
    }));
}
