/**
 * org.listCommunities — every community with its street, for choosing where to bind.
 * Invariants: needs a WeChat identity but no profile or role (people choose their community
 * before they have either); writes nothing; ordered by name.
 */
import type { ListCommunitiesResult } from '../../../types/org';
import { requireOpenid } from '../../_shared/auth';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { CommunityDoc, StreetDoc } from '../../_shared/documents';
import { byName, readAll } from './store';
import { toCommunity } from './views';

export async function listCommunities({ ctx }: { ctx: Ctx }): Promise<ListCommunitiesResult> {
  requireOpenid(ctx);
  const [communities, streets] = await Promise.all([
    readAll<CommunityDoc>(ctx, Collections.communities, {}),
    readAll<StreetDoc>(ctx, Collections.streets, {}),
  ]);
  const streetById = new Map(streets.map((s) => [s._id, s]));
  return {
    items: communities.sort((a, b) => byName(a.name, b.name)).map((c) => toCommunity(c, streetById.get(c.streetId))),
  };
}
