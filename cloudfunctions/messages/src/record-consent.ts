/**
 * messages.recordConsent — counts the caller's one-time consents to the queued kinds' templates
 * (`voteOpen`, `topicProgress`, `wishReview`, `applicationResult`): the app calls it after WeChat's consent dialog, with the kinds
 * whose template the person accepted. Invariants: only the caller's own count (`<userId>:<kind>`,
 * from the OPENID of the call) grows, by one per kind named, never past `MAX_CONSENTS`; a WeChat
 * user without a profile records nothing; a lost race between two first consents loses one
 * count (fewer sends, never one without consent). The send queue uses one per message
 * (send-subscriptions.ts). Requests: the caller, then one update per kind (an insert more for a
 * first consent).
 */
import type { RecordConsentInput, RecordConsentResult } from '../../../types/messages';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import { callerUserId } from './caller';

/** More consents than any person gives a template before its messages use them. */
export const MAX_CONSENTS = 50;

export async function recordConsent({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RecordConsentInput;
}): Promise<RecordConsentResult> {
  const userId = await callerUserId(ctx);
  if (!userId) return { recorded: 0 };
  const _ = ctx.db.command;
  const consents = ctx.db.collection(Collections.subscriptionConsents);
  const kinds = [...new Set(input.kinds)];
  for (const kind of kinds) {
    const id = `${userId}:${kind}`;
    const updatedAt = ctx.now();
    const res = await consents.where({ _id: id, count: _.lt(MAX_CONSENTS) }).update({ count: _.inc(1), updatedAt });
    if ((res.updated ?? 0) > 0) continue;
    try {
      await consents.add({ _id: id, userId, kind, count: 1, updatedAt });
    } catch (error) {
      // It exists: at the limit already, or a first consent given at the same moment.
      if (!isDuplicateWrite(error)) throw error;
    }
  }
  return { recorded: kinds.length };
}
