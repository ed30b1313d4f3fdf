/**
 * deliberation.listOpinions — a topic's opinions, ranked by support (ties: older first) or
 * newest first, paginated.
 * Invariants: visible to anyone who may see the topic; authors masked except for the author
 * and the topic's leaders/admins (views.ts); a page costs one indexed query, one `_.in` lookup
 * of the caller's own supports and one getTempFileURL batch. Writes nothing, except messages the topic still owes
 * (delivered: _shared/outbox.ts).
 */
import type { ListOpinionsInput, OpinionPage } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { pageOrderedBy, type PageOrder } from '../../_shared/paging';
import { requireVisible } from './access';
import { tempUrls } from './photos';
import { mustFindTopic, supportId } from './store';
import { toOpinion } from './views';
import { Collections } from '../../_shared/collections';

export async function listOpinions({ ctx, input }: { ctx: Ctx; input: ListOpinionsInput }): Promise<OpinionPage> {
  const actor = await loadActor(ctx);
  const topic = await mustFindTopic(ctx, input.topicId);
  requireVisible(actor, topic);
  const order: PageOrder =
    input.sort === 'support'
      ? { by: 'supportCount', dir: 'desc', then: { by: 'createdAt', dir: 'asc' } }
      : { by: 'createdAt', dir: 'desc' };
  const page = await pageOrderedBy(ctx, Collections.opinions, { topicId: topic._id }, input, order);
  const _ = ctx.db.command;
  const [urls, mine] = await Promise.all([
    tempUrls(page.items.flatMap((o) => o.photos)),
    actor.user && page.items.length > 0
      ? ctx.db
          .collection(Collections.opinionSupports)
          .where({ _id: _.in(page.items.map((o) => supportId(o._id, actor.user!._id))) })
          .field({ opinionId: true })
          .limit(page.items.length)
          .get()
      : Promise.resolve({ data: [] }),
  ]);
  const supported = new Set(((mine.data ?? []) as Array<{ opinionId: string }>).map((s) => s.opinionId));
  return {
    items: page.items.map((o) => toOpinion(actor, topic, o, urls, supported.has(o._id))),
    nextCursor: page.nextCursor,
  };
}
