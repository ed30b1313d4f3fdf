/**
 * deliberation.refuseProxyAct — an admin of the community refuses ONE 代办 act of this area
 * already done: a proxy ballot or a proxy opinion, named by its audit entry
 * (docs/adr/0044-refusing-a-proxy-act.md; who may refuse, which act, the refusal's entry and
 * messages: _shared/proxy-refusal.ts).
 * Invariants:
 * - a ballot: only while its vote is open — step vote and `now ≤ closesAt` (PRECONDITION_FAILED
 *   `proxy.vote-closed` after: the ballot is counted, or about to be, and the decision stands) —
 *   and only the ballot that entry records (the household's stored ballot, cast by a proxy at the
 *   entry's instant; else PRECONDITION_FAILED `proxy.act-gone`). ONE transaction removes it — the household may vote again, by anyone — and
 *   reverses the caster's vote credit `deliberation:<topic>:vote:<resident>` under its
 *   deterministic key `reversal:<key>` (read first: a credit already reversed, or none, writes
 *   nothing; the balance moves with the entry, so balance = ledger), with the refusal's entry and
 *   messages. The turnout and the tally are computed from the ballots, so they agree by
 *   construction. Like castBallot, the transaction aborts when it would commit after
 *   closesAt + VOTE_SETTLE_MS / 2, so no ballot disappears after a close may have counted it
 *   (ADR 0009);
 * - an opinion: at any step, the opinion is removed from the topic in ONE transaction with the
 *   refusal (its text and photos are kept in the refusal's entry, `before`); the author's
 *   participation credit for 意见收集 is reversed the same way unless another opinion of theirs
 *   remains on the topic (one query before the transaction); supports of the removed opinion
 *   count nothing any more (no stored counter names them);
 * - a second refusal, concurrent or retried, is CONFLICT `proxy.act-already-refused`, nothing
 *   written; a crash before the commit (`deliberation.refuseProxyAct.before-commit`) leaves
 *   nothing of it.
 * - the act's document, its topic, the credit and its reversal (and, for an opinion, the author's
 *   opinions) are joined under the act's entry in the caller's one read; the transaction does not
 *   read the ballot or the opinion again: nothing but a refusal removes either (a household's
 *   ballot is never replaced while it exists), and a concurrent refusal of the same entry collides
 *   on the refusal's key and aborts. The reversal is added without a read (its key collides if a
 *   reversal was written meanwhile, which aborts: answered as a refusal already made).
 * Requests: the caller with the entry, the act's document, its topic, the credit, its reversal
 * (and her opinions) 1, then start, the removal, the reversal's entry, the balance, the refusal's
 * entry (owing the two messages), commit — 7 (5 when there is no credit to reverse).
 */
import { AppError } from '../../../types/errors';
import type { RefusedProxyAct } from '../../../types/proxy';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { Transaction } from '../../_shared/database';
import { creditInTransaction, reversalOf, type LedgerDoc } from '../../_shared/ledger';
import {
  actGone,
  commitRefusal,
  loadRefusal,
  type ProxyRefusal,
  refusalWrites,
  type RefuseArgs,
  targetIn,
  type TargetJoin,
} from '../../_shared/proxy-refusal';
import { topicLink } from './add-progress';
import { ms, proxyBallotKey, VOTE_SETTLE_MS, type BallotDoc, type OpinionDoc, type TopicDoc } from './store';

const POINT = 'deliberation.refuseProxyAct.before-commit';

/** What the caller's read joins with the act: its topic, the credit and its reversal, her opinions. */
interface Joined {
  _topic?: TopicDoc[];
  _credits?: LedgerDoc[];
  _theirs?: Array<Pick<OpinionDoc, '_id' | 'topicId'>>;
}

/**
 * The act's document (ballot or opinion) under the entry, then its topic, the credit `<kind>` of
 * `<person field>` on that topic and its reversal, and (an opinion) the author's opinions.
 */
function joinAct(act: 'cast_ballot' | 'post_opinion', $: Ctx['db']['command']['aggregate']): TargetJoin {
  const [collection, kind, person] =
    act === 'cast_ballot'
      ? [Collections.ballots, 'vote', '$_target.userId']
      : [Collections.opinions, 'collect', '$_target.authorId'];
  const first = (path: string) => $.arrayElemAt([path, 0]);
  return targetIn(collection, (entries) => {
    const keyed = entries
      .addFields({ _topicId: first('$_target.topicId'), _personId: first(person) })
      .addFields({ _creditKey: $.concat(['deliberation:', '$_topicId', `:${kind}:`, '$_personId']) })
      .addFields({ _creditKeys: ['$_creditKey', $.concat(['reversal:', '$_creditKey'])] })
      .lookup({ from: Collections.topics, localField: '_topicId', foreignField: '_id', as: '_topic' })
      .lookup({ from: Collections.pointLedger, localField: '_creditKeys', foreignField: '_id', as: '_credits' });
    return act === 'cast_ballot'
      ? keyed
      : keyed.lookup({ from: Collections.opinions, localField: '_personId', foreignField: 'authorId', as: '_theirs' });
  });
}

export async function refuseProxyAct({ ctx, input }: RefuseArgs): Promise<RefusedProxyAct> {
  const $ = ctx.db.command.aggregate;
  const act = /^audit-proxy\.castBallot:/.test(input.auditId) ? 'cast_ballot' : 'post_opinion';
  const refusal = await loadRefusal(ctx, input, 'deliberation', joinAct(act, $));
  const joined = refusal.joined as Joined;
  const topic = joined._topic?.[0];
  if (refusal.act !== act || !refusal.target || !topic) throw actGone();
  const credits = joined._credits ?? [];
  const person = refusal.target[act === 'cast_ballot' ? 'userId' : 'authorId'];
  const key = `deliberation:${topic._id}:${act === 'cast_ballot' ? 'vote' : 'collect'}:${String(person)}`;
  const earned = credits.find((c) => c._id === key);
  // A credit to reverse: earned, not zero, not reversed already.
  const credit = earned && earned.amount !== 0 && !credits.some((c) => c._id === `reversal:${key}`) ? earned : null;
  return act === 'cast_ballot'
    ? refuseBallot(ctx, refusal, topic, credit)
    : refuseOpinion(ctx, refusal, topic, credit, joined._theirs ?? []);
}

function voteClosed(): AppError {
  return new AppError('PRECONDITION_FAILED', 'proxy.vote-closed', '投票已截止，代办的选票已计入，不能再撤销');
}

/** Reverses `credit` inside `tx` (read with the caller; its reversal's key guards a second one). */
async function reverseCredit(
  tx: Transaction,
  ctx: Ctx,
  credit: LedgerDoc | null,
  why: string,
  by: string,
): Promise<void> {
  if (!credit) return;
  await creditInTransaction(tx, ctx, reversalOf(credit, `${why}，冲正 ${-credit.amount}`, by), { fresh: true });
}

async function refuseBallot(
  ctx: Ctx,
  refusal: ProxyRefusal,
  topic: TopicDoc,
  credit: LedgerDoc | null,
): Promise<RefusedProxyAct> {
  const { entry, admin } = refusal;
  const ballot = refusal.target as unknown as BallotDoc;
  // The household's ballot now must be the one the entry records (entries before per-cast keys: its target).
  const recorded =
    Boolean(ballot.proxy) &&
    (entry._id === `audit-proxy.castBallot:${proxyBallotKey(ballot)}` ||
      entry._id === `audit-proxy.castBallot:${ballot._id}`);
  if (!recorded || ballot.topicId !== topic._id) throw actGone();
  const vote = topic.vote;
  if (topic.step !== 'vote' || !vote || ctx.now().getTime() > ms(vote.closesAt)) throw voteClosed();
  const writes = refusalWrites(ctx, refusal, {
    what: `议题“${topic.title}”的投票`,
    outcome: '该户选票已作废，可在投票截止前重新投票',
    link: topicLink(topic._id),
    kind: 'topic',
  });
  await commitRefusal(ctx, writes, POINT, async (tx) => {
    await tx.collection(Collections.ballots).doc(ballot._id).remove();
    await reverseCredit(tx, ctx, credit, `代办投票被撤销（议题“${topic.title}”）`, admin._id);
    // Too late to be sure a close has not counted the ballots yet: abort, nothing written.
    if (ctx.now().getTime() > ms(vote.closesAt) + VOTE_SETTLE_MS / 2) throw voteClosed();
  });
  return writes.result;
}

async function refuseOpinion(
  ctx: Ctx,
  refusal: ProxyRefusal,
  topic: TopicDoc,
  credit: LedgerDoc | null,
  theirs: Array<Pick<OpinionDoc, '_id' | 'topicId'>>,
): Promise<RefusedProxyAct> {
  const { entry, admin } = refusal;
  const opinion = refusal.target as unknown as OpinionDoc;
  if (!opinion.proxy || opinion.topicId !== topic._id) throw actGone();
  const keepsCredit = theirs.some((o) => o.topicId === topic._id && o._id !== opinion._id);
  const writes = refusalWrites(ctx, refusal, {
    what: `议题“${topic.title}”的意见`,
    outcome: '该意见已从议题中撤下',
    link: topicLink(topic._id),
    kind: 'topic',
  });
  // The refused text stays on record in the refusal's entry, never in the topic.
  writes.audit.before = {
    act: entry._id,
    opinion: { text: opinion.text, photos: opinion.photos, createdAt: opinion.createdAt },
  };
  await commitRefusal(ctx, writes, POINT, async (tx) => {
    await tx.collection(Collections.opinions).doc(opinion._id).remove();
    if (keepsCredit) return;
    await reverseCredit(tx, ctx, credit, `代办意见被撤销（议题“${topic.title}”）`, admin._id);
  });
  return writes.result;
}
