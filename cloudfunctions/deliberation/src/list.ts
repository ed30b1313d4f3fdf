/**
 * deliberation.list — the topics of a community, newest activity first, optionally one step.
 * Invariants: only people with a role in the community (FORBIDDEN otherwise); one indexed
 * query on (communityId, step, updatedAt) or (communityId, updatedAt); summaries only (no
 * eligible lists, no ballots). Writes nothing, except messages a listed topic still owes
 * (delivered: _shared/outbox.ts).
 */
import { deliverAll } from '../../_shared/outbox';
import type { ListTopicsInput, TopicPage } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { heldReader } from '../../_shared/moderation';
import { pageOrderedBy } from '../../_shared/paging';
import { requireCommunityRole } from './access';
import { LEFT_TO_VIEWS } from './store';
import { mayReadHold, toSummary } from './views';
import { Collections } from '../../_shared/collections';

const SUMMARY_FIELDS = {
  _id: true,
  communityId: true,
  estateId: true,
  buildingId: true,
  scopeLabel: true,
  title: true,
  step: true,
  leaderName: true,
  openedAt: true,
  updatedAt: true,
  outbox: true,
};

export async function list({ ctx, input }: { ctx: Ctx; input: ListTopicsInput }): Promise<TopicPage> {
  const actor = await loadActor(ctx);
  requireCommunityRole(actor, input.communityId);
  const where: Record<string, unknown> = { communityId: input.communityId };
  if (input.step) where.step = input.step;
  const page = await pageOrderedBy(
    ctx,
    Collections.topics,
    where,
    input,
    { by: 'updatedAt', dir: 'desc' },
    SUMMARY_FIELDS,
  );
  await deliverAll(ctx, Collections.topics, page.items, 'batches', LEFT_TO_VIEWS);
  return {
    items: page.items.map((t) =>
      toSummary(
        t,
        heldReader(t, (hold) => mayReadHold(actor, t, hold)),
      ),
    ),
    nextCursor: page.nextCursor,
  };
}
