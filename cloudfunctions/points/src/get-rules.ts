/**
 * points.getRules — the community's points rules and quarterly threshold; the defaults until
 * an admin edits them. Invariants: anyone holding a role in the community; writes nothing.
 */
import type { GetRulesInput, PointRules } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { pointRules } from '../../_shared/point-rules';
import { requireCommunityRole } from './permissions';
import { toRules } from './to-rules';

export async function getRules({ ctx, input }: { ctx: Ctx; input: GetRulesInput }): Promise<PointRules> {
  const actor = await loadActor(ctx);
  requireCommunityRole(actor, input.communityId);
  return toRules(input.communityId, await pointRules(ctx, input.communityId));
}
