/**
 * Participation points (参与议事): an opinion, a ballot or a rating credits the community's
 * `deliberation` points through the ledger. Invariants: the key is
 * `deliberation:<topicId>:<step>:<userId>`, so a person is credited once per topic and step
 * however many opinions they post or however often it is retried; nothing is credited when
 * the community's rule is 0; each credit is written in the transaction that stores the
 * participation (a ballot: cast-ballot.ts; an opinion or a rating: `addWithCredit`;
 * docs/adr/0015), so a crash leaves both or neither.
 */
import { stepLabels, type Step } from '../../../types/deliberation';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction } from '../../_shared/database';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import { creditInTransaction, type CreditInput } from '../../_shared/ledger';
import { pointRules, type PointRulesDoc } from '../../_shared/point-rules';
import type { TopicDoc } from './store';

/**
 * The credit a participation earns, or null when the community's rule gives none. `mark` ("由…代办")
 * ends the explanation of a participation a proxy made for the person, so 我的积分 says so.
 */
export async function participationCredit(
  ctx: Ctx,
  topic: Pick<TopicDoc, '_id' | 'communityId' | 'title'>,
  step: Step,
  userId: string,
  known?: PointRulesDoc,
  mark?: string | null,
): Promise<CreditInput | null> {
  const rules = known ?? (await pointRules(ctx, topic.communityId));
  if (rules.deliberation <= 0) return null;
  return {
    key: `deliberation:${topic._id}:${step}:${userId}`,
    userId,
    communityId: topic.communityId,
    amount: rules.deliberation,
    reason: 'deliberation',
    sourceId: topic._id,
    explanation: `参与议事“${topic.title}”（${stepLabels[step]}${mark ? `，${mark}` : ''}） +${rules.deliberation}`,
    createdBy: null,
  };
}

class AlreadyCredited extends Error {}
/** A collision inside a credit that believed the balance absent: the entry's or the balance's. */
class EntryOrBalanceExists extends Error {}

/**
 * Stores a participation (an opinion, a rating: one insert) together with its credit, in one
 * transaction (start, the document, the entry, the balance, commit), so a crash leaves both or
 * neither. `credit` null (the rule gives none, or the caller's read saw the entry): the document
 * alone, one insert. A credit that turns out to exist (its key collides: another call credited
 * this person meanwhile) aborts the transaction, and the document is stored alone. A duplicate
 * of the document itself is rethrown (the caller answers it); `stored` tells which add collided
 * when the database reports the duplicate only at the commit.
 */
export async function addWithCredit(
  ctx: Ctx,
  collection: string,
  doc: { _id: string },
  credit: CreditInput | null,
  stored: () => Promise<boolean>,
  /** Its crash point before the commit (`<verb>.before-commit`, for the crash tests). */
  point: string,
  /**
   * The caller read that the member has no balance in the community yet: the credit adds it
   * (one request, not an update that finds nothing and a set). A collision is then either the
   * entry or a balance created meanwhile: the whole is run again without the hint.
   */
  opts: {
    balanceAbsent?: boolean;
    /** A document written with it, in the same transaction (a 代办's audit entry). */
    alongside?: { collection: string; doc: { _id: string } };
  } = {},
): Promise<void> {
  const alongside = opts.alongside;
  const addPlain = async () => {
    if (!alongside) {
      await ctx.db.collection(collection).add(doc);
      return;
    }
    await runTransaction(ctx.db, async (tx) => {
      await tx.collection(collection).add(doc);
      await tx.collection(alongside.collection).add(alongside.doc);
      crashPoint(point);
    });
  };
  if (!credit) {
    await addPlain();
    return;
  }
  try {
    await runTransaction(ctx.db, async (tx) => {
      await tx.collection(collection).add(doc);
      if (alongside) await tx.collection(alongside.collection).add(alongside.doc);
      try {
        await creditInTransaction(tx, ctx, credit, { fresh: true, balanceAbsent: opts.balanceAbsent });
      } catch (error) {
        if (isDuplicateWrite(error)) throw opts.balanceAbsent ? new EntryOrBalanceExists() : new AlreadyCredited();
        throw error;
      }
      crashPoint(point);
    });
  } catch (error) {
    if (
      opts.balanceAbsent &&
      (error instanceof EntryOrBalanceExists || (isDuplicateWrite(error) && !(await stored())))
    ) {
      return addWithCredit(ctx, collection, doc, credit, stored, point, { alongside });
    }
    if (error instanceof AlreadyCredited || (isDuplicateWrite(error) && !(await stored()))) {
      await addPlain();
      return;
    }
    throw error;
  }
}
