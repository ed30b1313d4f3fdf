/**
 * deliberation.refuseProxyAct — an admin of the community refuses ONE 代办 act of this area
 * already done: a proxy ballot or a proxy opinion, named by its audit entry
 * (docs/adr/0044-refusing-a-proxy-act.md; who may refuse, which act, the refusal's entry and
 * messages: _shared/proxy-refusal.ts).
 * Invariants:
 * - a ballot: only while its vote is open — step vote and `now ≤ closesAt` (PRECONDITION_FAILED
 *   `proxy.vote-closed` after: the ballot is counted, or about to be, and the decision stands) —
 *   and only the ballot that entry records (the household's stored ballot, cast by a proxy at the
 *   entry's instant; else PRECONDITION_FAILED `proxy.act-gone`). ONE transaction re-reads the
 *   ballot (it must be the same cast), removes it — the household may vote again, by anyone — and
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
 * Requests: the caller with the entries 1, the act's document 1, the topic 1 (an opinion: her
 * other opinions 1), then start, the re-read, the removal, the credit's read, its reversal's
 * read, entry and balance, the refusal's entry, two messages, commit — 14 measured for a ballot,
 * 15 for an opinion.
 */
import { AppError } from '../../../types/errors';
import type { RefusedProxyAct } from '../../../types/proxy';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { Transaction } from '../../_shared/database';
import { getById } from '../../_shared/db-helpers';
import { creditInTransaction, reversalOf, type LedgerDoc } from '../../_shared/ledger';
import {
  actGone,
  commitRefusal,
  loadRefusal,
  type ProxyRefusal,
  refusalWrites,
  type RefuseArgs,
} from '../../_shared/proxy-refusal';
import { topicLink } from './add-progress';
import { ms, mustFindTopic, proxyBallotKey, VOTE_SETTLE_MS, type BallotDoc, type OpinionDoc } from './store';

const POINT = 'deliberation.refuseProxyAct.before-commit';

export async function refuseProxyAct({ ctx, input }: RefuseArgs): Promise<RefusedProxyAct> {
  const refusal = await loadRefusal(ctx, input, 'deliberation');
  return refusal.act === 'cast_ballot' ? refuseBallot(ctx, refusal) : refuseOpinion(ctx, refusal);
}

function voteClosed(): AppError {
  return new AppError('PRECONDITION_FAILED', 'proxy.vote-closed', '投票已截止，代办的选票已计入，不能再撤销');
}

/** Reverses `key`'s credit inside `tx`, if it was credited and not yet reversed (the reversal's key is read first). */
async function reverseCredit(tx: Transaction, ctx: Ctx, key: string, why: string, by: string): Promise<void> {
  const earned = (await tx.collection(Collections.pointLedger).doc(key).get()).data as LedgerDoc | null | undefined;
  if (!earned || earned.amount === 0) return;
  await creditInTransaction(tx, ctx, reversalOf(earned, `${why}，冲正 ${-earned.amount}`, by));
}

/** The document as stored inside `tx` (null: gone). */
async function storedIn<T>(tx: Transaction, collection: string, id: string): Promise<T | null> {
  return ((await tx.collection(collection).doc(id).get()).data as T | null | undefined) ?? null;
}

async function refuseBallot(ctx: Ctx, refusal: ProxyRefusal): Promise<RefusedProxyAct> {
  const { entry, admin } = refusal;
  const ballot = await getById(ctx, Collections.ballots, entry.targetId);
  // The household's ballot now must be the one the entry records (entries before per-cast keys: its target).
  const recorded = (b: BallotDoc) =>
    Boolean(b.proxy) &&
    (entry._id === `audit-proxy.castBallot:${proxyBallotKey(b)}` || entry._id === `audit-proxy.castBallot:${b._id}`);
  if (!ballot || !recorded(ballot)) throw actGone();
  const topic = await mustFindTopic(ctx, ballot.topicId);
  const vote = topic.vote;
  if (topic.step !== 'vote' || !vote || ctx.now().getTime() > ms(vote.closesAt)) throw voteClosed();
  const writes = refusalWrites(ctx, refusal, {
    what: `议题“${topic.title}”的投票`,
    outcome: '该户选票已作废，可在投票截止前重新投票',
    link: topicLink(topic._id),
    kind: 'topic',
  });
  await commitRefusal(ctx, writes, POINT, async (tx) => {
    const stored = await storedIn<BallotDoc>(tx, Collections.ballots, ballot._id);
    if (!stored || ms(stored.castAt) !== ms(ballot.castAt)) throw actGone();
    await tx.collection(Collections.ballots).doc(ballot._id).remove();
    const key = `deliberation:${topic._id}:vote:${ballot.userId}`;
    await reverseCredit(tx, ctx, key, `代办投票被撤销（议题“${topic.title}”）`, admin._id);
    // Too late to be sure a close has not counted the ballots yet: abort, nothing written.
    if (ctx.now().getTime() > ms(vote.closesAt) + VOTE_SETTLE_MS / 2) throw voteClosed();
  });
  return writes.result;
}

async function refuseOpinion(ctx: Ctx, refusal: ProxyRefusal): Promise<RefusedProxyAct> {
  const { entry, admin } = refusal;
  const opinion = await getById(ctx, Collections.opinions, entry.targetId);
  if (!opinion?.proxy) throw actGone();
  const topic = await mustFindTopic(ctx, opinion.topicId);
  const theirs = await ctx.db
    .collection(Collections.opinions)
    .where({ topicId: topic._id, authorId: opinion.authorId })
    .field({ _id: true })
    .limit(2)
    .get();
  const keepsCredit = (theirs.data as Array<{ _id: string }>).some((o) => o._id !== opinion._id);
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
    if (!(await storedIn<OpinionDoc>(tx, Collections.opinions, opinion._id))) throw actGone();
    await tx.collection(Collections.opinions).doc(opinion._id).remove();
    if (keepsCredit) return;
    const key = `deliberation:${topic._id}:collect:${opinion.authorId}`;
    await reverseCredit(tx, ctx, key, `代办意见被撤销（议题“${topic.title}”）`, admin._id);
  });
  return writes.result;
}
