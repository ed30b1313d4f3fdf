/**
 * deliberation.turnout — live participation by households and by floor area.
 * Invariants: visible to anyone who may see the topic, once voting has opened
 * (PRECONDITION_FAILED before); the count and area sum over the ballots, the caller's own
 * households' ballots and — for the topic's leaders and admins — the 代办 ballots (household,
 * room, proxy, time — never the choice) are all read with the caller and the topic in ONE
 * aggregation (caller.ts: the ballots are never loaded, and the 代办 ones are projected without
 * their choice before anything else): 1 request (docs/adr/0017; 3 once when the topic still owes
 * messages, delivered first as every topic read does).
 */
import { AppError } from '../../../types/errors';
import type { TopicIdInput, Turnout } from '../../../types/deliberation';
import type { Ctx } from '../../_shared/context';
import { iso } from '../../_shared/db-helpers';
import { deliver } from '../../_shared/outbox';
import { isLeader, requireVisible } from './access';
import { votedSoFar } from './ballot-totals';
import { loadCallerAndTopic, type ProxiedBallot } from './caller';
import { ballotId, type TopicDoc } from './store';
import { eligibleHouseholdsOf } from './views';
import { Collections } from '../../_shared/collections';

function voteOf(topic: TopicDoc): NonNullable<TopicDoc['vote']> {
  if (!topic.vote) throw new AppError('PRECONDITION_FAILED', 'topic.no-vote', '该议题尚未开始投票');
  return topic.vote;
}

/** The turnout of `vote` from the households voted so far and their area. */
export function turnoutFrom(
  vote: NonNullable<TopicDoc['vote']>,
  voted: { households: number; areaCents: number },
  myHouseholdVoted: boolean,
): Turnout {
  return {
    eligibleHouseholds: vote.eligibleHouseholds,
    eligibleArea: vote.eligibleAreaCents / 100,
    votedHouseholds: voted.households,
    votedArea: voted.areaCents / 100,
    myHouseholdVoted,
    closesAt: iso(vote.closesAt),
  };
}

/** The turnout read on its own (a caller without a profile): one aggregation and one count. */
async function turnoutOf(ctx: Ctx, topic: TopicDoc, myHouseholds: string[]): Promise<Turnout> {
  const vote = voteOf(topic);
  const _ = ctx.db.command;
  const [voted, mine] = await Promise.all([
    votedSoFar(ctx, topic._id),
    myHouseholds.length > 0
      ? ctx.db
          .collection(Collections.ballots)
          .where({ _id: _.in(myHouseholds.map((h) => ballotId(topic._id, h))) })
          .count()
      : Promise.resolve({ total: 0 }),
  ]);
  return turnoutFrom(vote, voted, (mine.total ?? 0) > 0);
}

export async function turnout({ ctx, input }: { ctx: Ctx; input: TopicIdInput }): Promise<Turnout> {
  const { actor, topic, mine, totals, proxied } = await loadCallerAndTopic(ctx, input.topicId, {
    step: 'vote',
    totalsOf: 'ballots',
    proxyBallots: true,
  });
  await deliver(ctx, Collections.topics, topic);
  requireVisible(actor, topic);
  const myHouseholds = eligibleHouseholdsOf(actor, topic);
  const counts = totals
    ? turnoutFrom(
        voteOf(topic),
        totals,
        myHouseholds.some((h) => mine.has(ballotId(topic._id, h))),
      )
    : await turnoutOf(ctx, topic, myHouseholds);
  return isLeader(actor, topic) && proxied ? { ...counts, proxyBallots: proxyBallotsOf(proxied) } : counts;
}

/** The topic's ballots a proxy cast, oldest first, with their households' rooms (no choice is read). */
function proxyBallotsOf(ballots: ProxiedBallot[]): NonNullable<Turnout['proxyBallots']> {
  return [...ballots]
    .sort((a, b) => new Date(a.castAt).getTime() - new Date(b.castAt).getTime())
    .map((b) => ({
      householdId: b.householdId,
      room: b._household?.[0]?.room ?? '',
      proxyName: b.proxy?.actorName ?? '',
      castAt: iso(b.castAt),
    }));
}
