/**
 * Participation points (参与议事): an opinion, a ballot or a rating credits the community's
 * `deliberation` points through the ledger. Invariants: the key is
 * `deliberation:<topicId>:<step>:<userId>`, so a person is credited once per topic and step
 * however many opinions they post or however often it is retried; nothing is credited when
 * the community's rule is 0; a ballot's credit is written in the ballot's own transaction
 * (`participationCredit` + `creditInTransaction`, docs/adr/0015), the others' after the
 * participation was stored.
 */
import { stepLabels, type Step } from '../../../types/deliberation';
import type { Ctx } from '../../_shared/context';
import { runTransaction } from '../../_shared/database';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import { creditInTransaction, type CreditInput } from '../../_shared/ledger';
import { pointRules, type PointRulesDoc } from '../../_shared/point-rules';
import type { TopicDoc } from './store';

/** The credit a participation earns, or null when the community's rule gives none. */
export async function participationCredit(
  ctx: Ctx,
  topic: Pick<TopicDoc, '_id' | 'communityId' | 'title'>,
  step: Step,
  userId: string,
  known?: PointRulesDoc,
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
    explanation: `参与议事“${topic.title}”（${stepLabels[step]}） +${rules.deliberation}`,
    createdBy: null,
  };
}

/**
 * Credits a participation once per topic and step: the entry is added without being read first
 * (the transaction is start, entry, balance, commit); a person credited before for this step
 * collides on the key, which aborts the transaction and writes nothing. `rules`: the
 * community's rules when the caller read them with the topic.
 */
export async function creditParticipation(
  ctx: Ctx,
  topic: Pick<TopicDoc, '_id' | 'communityId' | 'title'>,
  step: Step,
  userId: string,
  rules?: PointRulesDoc,
): Promise<void> {
  const input = await participationCredit(ctx, topic, step, userId, rules);
  if (!input) return;
  try {
    await runTransaction(ctx.db, (tx) => creditInTransaction(tx, ctx, input, { fresh: true }));
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
  }
}
