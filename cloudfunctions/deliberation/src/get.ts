/**
 * deliberation.get — one topic with its steps, proposals, vote (the tally only after closing),
 * notice, execution, evaluation, history and the caller's allowed actions.
 * Invariants: visible to anyone with a role in the topic's community (FORBIDDEN otherwise);
 * what is shown follows views.ts. Writes nothing, except messages the topic still owes
 * (delivered: _shared/outbox.ts) — a vote's result too, which only the detail view and the
 * residents' message centres deliver (store.ts `LEFT_TO_VIEWS`).
 */
import type { TopicDetail, TopicIdInput } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { requireVisible } from './access';
import { mustFindTopic } from './store';
import { toDetail } from './views';

export async function get({ ctx, input }: { ctx: Ctx; input: TopicIdInput }): Promise<TopicDetail> {
  const actor = await loadActor(ctx);
  const topic = await mustFindTopic(ctx, input.topicId, true);
  requireVisible(actor, topic);
  return toDetail(ctx, actor, topic);
}
