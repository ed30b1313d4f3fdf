/**
 * deliberation.castBallot — a resident casts their household's ballot inside the window.
 * Invariants:
 * - only in the vote step (PRECONDITION_FAILED) and inside [opensAt, closesAt]
 *   (PRECONDITION_FAILED `topic.vote-closed`);
 * - only for a household in the list frozen when voting opened, on which the caller holds a
 *   resident role (FORBIDDEN otherwise); with several such households `householdId` picks one
 *   (VALIDATION when missing), with one it is that one;
 * - one ballot per household: the ballot's `_id` is `<topicId>:<householdId>`, so a second
 *   ballot — by the same or another resident, however concurrent, or a retry of a call whose
 *   answer was lost — is a duplicate-key error, answered CONFLICT `ballot.household-voted`,
 *   and the first stands unchanged (nothing written);
 * - the ballot carries the household's frozen area; its choice is never returned to others;
 * - the ballot, the caster's participation entry (key `deliberation:<topicId>:vote:<userId>`,
 *   once per topic however many households they vote for) and their balance are written in
 *   one transaction (docs/adr/0015): a crash leaves all of them or none;
 * - a ballot never becomes visible after a close may have aggregated the ballots: a close
 *   waits until closesAt + VOTE_SETTLE_MS (close-vote.ts, docs/adr/0009), and this call guards
 *   its own lateness — if, with the writes made but not committed, `ctx.now()` is already past
 *   closesAt + VOTE_SETTLE_MS / 2 (the call took abnormally long), it aborts the transaction;
 *   if it is past it only after the commit, it removes its own ballot again and reverses its
 *   entry in one transaction. Either way it answers PRECONDITION_FAILED `ballot.vote-closed`
 *   and the ballot is not counted. So a ballot that stays stored was written by closesAt +
 *   VOTE_SETTLE_MS / 2, and a withdrawn one is gone before this call ends (within the
 *   function timeout, under VOTE_SETTLE_MS).
 * - requests: the caller with the topic, its rules, whether they were credited for this vote
 *   and the turnout so far (one, caller.ts), then start, ballot, entry, balance, commit — 6 (7 on
 *   a member's first credit in the community: the balance document is created; 4 for a caster
 *   credited before, who votes for another household); the reply's turnout is the one read with
 *   the topic plus this ballot (ballots cast meanwhile by others show in the next read).
 * - 代办 (`proxy`): the same act run as the consent's resident, for the consent's household,
 *   only on a written consent with the 委托书 photo (_shared/proxy.ts: the same read on the
 *   resident's row, under the proxy's, one request; a proxy never acts for their own household): the ballot is still `<topicId>:<householdId>`, so a
 *   proxy ballot is the household's one ballot; it carries the proxy's stamp, the points go to
 *   the resident (their explanation says "由…代办"), and the audit entry `audit-proxy.castBallot:<ballot id>:<cast ms>` (no choice in
 *   it; one per cast, since an admin's refusal lets the household vote again) is added in the
 *   ballot's transaction (and removed with a withdrawn late ballot).
 */
import { AppError } from '../../../types/errors';
import type { BallotReceipt, CastBallotInput } from '../../../types/deliberation';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction } from '../../_shared/database';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import { creditInTransaction, reversalOf, type LedgerDoc } from '../../_shared/ledger';
import { requireVisible } from './access';
import { participationCredit } from './participation';
import { topicOfJoined, topicStages } from './caller';
import { ballotId, ms, proxyBallotKey, VOTE_SETTLE_MS, type BallotDoc } from './store';
import { wrongStep } from './transitions';
import { turnoutFrom } from './turnout';
import { eligibleHouseholdsOf } from './views';
import { Collections } from '../../_shared/collections';
import { actingFor, proxyAuditDoc, proxyNote } from '../../_shared/proxy';

export async function castBallot({ ctx: call, input }: { ctx: Ctx; input: CastBallotInput }): Promise<BallotReceipt> {
  // 代办: the household's one ballot, cast for its resident on a written consent (_shared/proxy.ts).
  const read = { step: 'vote', totalsOf: 'ballots' } as const;
  const { ctx, grant, ...caller } = await actingFor(
    call,
    input.proxy,
    'cast_ballot',
    topicStages(call, input.topicId, read),
  );
  if (grant) input = { ...input, householdId: grant.consent.householdId };
  const {
    actor,
    topic,
    rules,
    credited: creditedBefore,
    totals,
  } = await topicOfJoined(ctx, caller.actor, caller.joined, input.topicId, read);
  requireVisible(actor, topic);
  if (topic.step !== 'vote' || !topic.vote) throw wrongStep(topic.step, '投票');
  const vote = topic.vote;
  const mine = eligibleHouseholdsOf(actor, topic);
  if (!actor.user || mine.length === 0) {
    throw new AppError('FORBIDDEN', 'ballot.not-eligible', '只有议题范围内有投票资格的住户可以投票');
  }
  let householdId: string;
  if (input.householdId) {
    if (!mine.includes(input.householdId)) {
      throw new AppError('FORBIDDEN', 'ballot.not-your-household', '您不能代表该房屋投票');
    }
    householdId = input.householdId;
  } else if (mine.length === 1) {
    householdId = mine[0]!;
  } else {
    throw new AppError('VALIDATION', 'ballot.household-required', '您在范围内有多处房屋，请选择代表哪一户投票', {
      householdId: '请选择房屋',
    });
  }
  const now = ctx.now();
  if (now.getTime() < ms(vote.opensAt) || now.getTime() > ms(vote.closesAt)) {
    throw new AppError('PRECONDITION_FAILED', 'ballot.vote-closed', '不在投票时间内');
  }
  const areaCents = vote.eligible.find((e) => e.h === householdId)!.a;
  const ballot: BallotDoc = {
    _id: ballotId(topic._id, householdId),
    topicId: topic._id,
    householdId,
    areaCents,
    choice: input.choice,
    userId: actor.user._id,
    castAt: now,
    ...(grant ? { proxy: grant.stamp } : {}),
  };
  // Says that a ballot was cast for the household, never what it chose.
  const audit = grant
    ? proxyAuditDoc(ctx, grant, {
        action: 'proxy.castBallot',
        targetKind: 'ballot',
        targetId: ballot._id,
        // The household may vote again once an admin refused this ballot: one entry per cast.
        key: proxyBallotKey(ballot),
        summary: `就议题“${topic.title}”代表本户投票（委托书 ${grant.consent.photoFileId ?? ''}）`,
      })
    : null;
  const late = () => ctx.now().getTime() > ms(vote.closesAt) + VOTE_SETTLE_MS / 2;
  // Credited before (a ballot for another household): the key would collide; cast without it.
  const credit = creditedBefore
    ? null
    : await participationCredit(ctx, topic, 'vote', actor.user._id, rules, proxyNote(grant));
  const cast = (withCredit: boolean) =>
    runTransaction(ctx.db, async (tx) => {
      await tx.collection(Collections.ballots).add(ballot);
      if (audit) await tx.collection(Collections.auditLog).add(audit);
      let done: { credited: boolean; entry: LedgerDoc } | null = null;
      if (credit && withCredit) {
        // The entry is not read first: the caller's entry for this topic exists only if they
        // voted for another household, and then its add collides and the ballot is cast again
        // without it.
        try {
          done = await creditInTransaction(tx, ctx, credit, { fresh: true });
        } catch (error) {
          if (isDuplicateWrite(error)) throw new AlreadyCredited();
          throw error;
        }
      }
      crashPoint('deliberation.castBallot.before-commit');
      // Too late to be sure a close has not aggregated yet: abort, so nothing is written.
      if (late()) throw tooLate();
      return done?.credited ? done.entry : null;
    });
  let credited: LedgerDoc | null = null;
  try {
    credited = await cast(true).catch(async (error: unknown) => {
      if (error instanceof AlreadyCredited) return cast(false);
      // A duplicate key reported without saying which add collided (at the commit): the entry's
      // when the household's ballot is not stored.
      if (isDuplicateWrite(error) && credit && !(await ballotStored(ctx, ballot._id))) return cast(false);
      throw error;
    });
  } catch (error) {
    if (isDuplicateWrite(error)) {
      throw new AppError('CONFLICT', 'ballot.household-voted', '您家已经投过票了，每户只能投一票');
    }
    throw error;
  }
  crashPoint('deliberation.castBallot.after-commit');
  if (late()) {
    // The commit itself took the call past the guard: withdraw the ballot and reverse its
    // points in one transaction, so it is neither counted nor reported as cast.
    await withdrawBallot(ctx, ballot._id, credited, audit);
    throw tooLate();
  }
  return {
    topicId: topic._id,
    householdId,
    castAt: now.toISOString(),
    // The turnout read with the topic, and this ballot.
    turnout: turnoutFrom(
      vote,
      { households: (totals?.households ?? 0) + 1, areaCents: (totals?.areaCents ?? 0) + areaCents },
      true,
    ),
  };
}

class AlreadyCredited extends Error {}

async function ballotStored(ctx: Ctx, id: string): Promise<boolean> {
  const res = await ctx.db.collection(Collections.ballots).doc(id).get();
  return (res.data as unknown[]).length > 0;
}

function tooLate(): AppError {
  return new AppError('PRECONDITION_FAILED', 'ballot.vote-closed', '投票已截止，您的选票未能及时提交，未计入');
}

/** Removes this call's own ballot and reverses the entry it credited (if any), atomically. */
async function withdrawBallot(
  ctx: Ctx,
  id: string,
  credited: LedgerDoc | null,
  audit: { _id: string } | null,
): Promise<void> {
  await runTransaction(ctx.db, async (tx) => {
    await tx.collection(Collections.ballots).doc(id).remove();
    // A 代办 ballot's audit entry goes with it (its id is the ballot's).
    if (audit) await tx.collection(Collections.auditLog).doc(audit._id).remove();
    if (!credited) return;
    await creditInTransaction(
      tx,
      ctx,
      reversalOf(credited, `选票因超过截止时间未计入，冲正 ${-credited.amount}`, null),
    );
  });
}
