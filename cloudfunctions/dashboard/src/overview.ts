/**
 * dashboard.overview — every figure of the dashboard screen in one call. Invariants: admins of
 * the community (the street view: an admin of any community of the street, read-only), or a
 * street viewer of the community's street (street view, or one community with drill-down —
 * decided on the community document read anyway, so the counts below are the same for them);
 * every figure is computed by the database (aggregations and counts, never a whole collection
 * read into the function); a fixed number of requests for a given input shape, whatever the
 * amount of data — 1 (caller) + 1 (community, with the street's communities or the estate or
 * building joined) + 1 registrations + 2 check-ins + 4 wishes + 1 volunteer + 1 topics + 1
 * points = 12, whatever the input shape; writes nothing.
 */
import type { Overview, OverviewInput } from '../../../types/dashboard';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { checkinFigures } from './checkins';
import { pointsFigures } from './points';
import { registrationFigures } from './registrations';
import { topicFigures } from './topics';
import { volunteerFigures } from './volunteer';
import { resolveWhere } from './where';
import { wishFigures } from './wishes';

export async function overview({ ctx, input }: { ctx: Ctx; input: OverviewInput }): Promise<Overview> {
  const actor = await loadActor(ctx);
  const where = await resolveWhere(ctx, actor, input);
  const [registrations, checkins, wishes, volunteer, topics, points] = await Promise.all([
    registrationFigures(ctx, where),
    checkinFigures(ctx, where),
    wishFigures(ctx, where),
    volunteerFigures(ctx, where),
    topicFigures(ctx, where),
    pointsFigures(ctx, where),
  ]);
  return {
    communityIds: where.communityIds,
    scopeLabel: where.label,
    from: input.from,
    to: input.to,
    scoped: ['registrations', 'wishes', 'topics'],
    registrations,
    checkins,
    wishes,
    volunteer,
    topics,
    points,
  };
}
