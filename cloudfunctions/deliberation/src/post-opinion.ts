/**
 * deliberation.postOpinion — a resident in scope posts an opinion during 意见收集.
 * Invariants: only in the collect step and before the collection window ends
 * (PRECONDITION_FAILED); only residents of a household in the topic's building/estate
 * (FORBIDDEN); the text passes the content check and photos must be this environment's files
 * (≤ 6, by the schema) before anything is written; the author is credited participation
 * points once per topic (key step `collect`), however many opinions they post, in the same
 * transaction as their first opinion (a crash leaves both or neither). Requests: the caller with
 * the topic, its rules, whether they were credited and whether they have a balance in the
 * community (one, caller.ts), then start, opinion, entry, balance (updated, or added for a
 * member's first credit in the community), commit — 6; a later opinion by the same person: 2.
 * 代办 (`proxy`): the same act run as the resident of the consent (_shared/proxy.ts: the same read
 * on the resident's row, under the proxy's, one request); the opinion carries the proxy's stamp, the participation points go to the resident
 * (their explanation says "由…代办"), and the audit entry `audit-proxy.postOpinion:<id>` is added in the opinion's transaction;
 * only on a topic whose scope holds the consent's household (`proxy.outside-scope`).
 */
import { AppError } from '../../../types/errors';
import type { Opinion, PostOpinionInput } from '../../../types/deliberation';
import { randomBytes } from 'node:crypto';
import { holdsForInsert, moderate, oweHeld } from '../../_shared/moderation';
import { heldWhere } from './add-progress';
import type { Ctx } from '../../_shared/context';
import { requireResidentInScope, requireVisible, residentRolesInScope } from './access';
import { topicOfJoined, topicStages } from './caller';
import { addWithCredit, participationCredit } from './participation';
import { checkPhotos } from './photos';
import { ms, type OpinionDoc } from './store';
import { wrongStep } from './transitions';
import { toOpinion } from './views';
import { Collections } from '../../_shared/collections';
import { actingFor, outsideScope, proxyAuditDoc, proxyNote } from '../../_shared/proxy';

export async function postOpinion({ ctx: call, input }: { ctx: Ctx; input: PostOpinionInput }): Promise<Opinion> {
  // 代办: the resident's opinion, posted for them (_shared/proxy.ts); their points are theirs.
  const read = { step: 'collect' } as const;
  const { ctx, grant, ...caller } = await actingFor(
    call,
    input.proxy,
    'post_opinion',
    topicStages(call, input.topicId, read),
  );
  const { actor, topic, rules, credited, hasBalance } = await topicOfJoined(
    ctx,
    caller.actor,
    caller.joined,
    input.topicId,
    read,
  );
  requireVisible(actor, topic);
  const user = requireResidentInScope(actor, topic, '发表意见');
  // A consent is for one household: her opinion on a topic of her other home is not the proxy's.
  if (grant && !residentRolesInScope(actor, topic).some((r) => r.householdId === grant.consent.householdId)) {
    throw outsideScope();
  }
  if (topic.step !== 'collect') throw wrongStep(topic.step, '发表意见');
  const now = ctx.now();
  if (ms(topic.collectEndsAt) < now.getTime()) {
    throw new AppError('PRECONDITION_FAILED', 'opinion.collection-closed', '意见收集已截止');
  }
  const urls = await checkPhotos('photos', input.photos);
  const holds = await moderate(
    ctx,
    { id: user._id, name: user.name },
    {
      text: { text: input.text, label: '意见', paths: ['text'] },
    },
  );
  // Chosen here (like the database's own ids), so the opinion can be added in a transaction.
  const opinionId = randomBytes(16).toString('hex');
  const doc: OpinionDoc = {
    _id: opinionId,
    topicId: topic._id,
    communityId: topic.communityId,
    authorId: user._id,
    authorName: user.name,
    text: input.text,
    photos: input.photos,
    supportCount: 0,
    ...(grant ? { proxy: grant.stamp } : {}),
    createdAt: now,
    ...holdsForInsert(holds),
    ...oweHeld(holds, heldWhere(topic, 'opinion', opinionId)),
  };
  const credit = credited ? null : await participationCredit(ctx, topic, 'collect', user._id, rules, proxyNote(grant));
  // The opinion's id is new: a duplicate can only be the entry's.
  await addWithCredit(
    ctx,
    Collections.opinions,
    doc,
    credit,
    () => Promise.resolve(false),
    'deliberation.postOpinion.before-commit',
    {
      balanceAbsent: hasBalance === false,
      ...(grant
        ? {
            alongside: {
              collection: Collections.auditLog,
              doc: proxyAuditDoc(ctx, grant, {
                action: 'proxy.postOpinion',
                targetKind: 'opinion',
                targetId: doc._id,
                summary: `就议题“${topic.title}”提交意见`,
              }),
            },
          }
        : {}),
    },
  );
  return toOpinion(actor, topic, doc, urls, false);
}
