/**
 * dashboard.overview — every figure of the dashboard screen in one call. Invariants: admins of
 * the community (the street view: an admin of any community of the street, read-only), or a
 * street viewer of the community's street (street view, or one community with drill-down —
 * decided on the community document read anyway, so the counts below are the same for them);
 * every figure is computed by the database (aggregations, never a whole collection read into
 * the function); three requests whatever the input shape and the amount of data — the caller,
 * the community (with the street's communities or the estate or building joined), and the
 * figures: one aggregation on the community's document carrying each figure's aggregation as an
 * uncorrelated `$lookup` sub-pipeline (`lookup({ from, pipeline, as })`, which CloudBase
 * supports; the emulator runs each sub-pipeline once, as an aggregation of its own); writes
 * nothing.
 */
import type { Overview, OverviewInput } from '../../../types/dashboard';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import { getByIdWith } from '../../_shared/db-helpers';
import type { Ctx } from '../../_shared/context';
import { AppError } from '../../../types/errors';
import { activePart, checkinsOf, unitsPart } from './checkins';
import { pointsOf, pointsPart } from './points';
import { registrationPart, registrationsOf } from './registrations';
import { topicPart, topicsOf } from './topics';
import { volunteerOf, volunteerPart } from './volunteer';
import { resolveWhere, type Part } from './where';
import { wishesOf, wishParts } from './wishes';

export async function overview({ ctx, input }: { ctx: Ctx; input: OverviewInput }): Promise<Overview> {
  const actor = await loadActor(ctx);
  const where = await resolveWhere(ctx, actor, input);
  const wishes = wishParts(ctx, where);
  const parts: Record<string, Part> = {
    registrations: registrationPart(ctx, where),
    units: unitsPart(ctx, where),
    active: activePart(ctx, where),
    wishCounts: wishes.counts,
    wishOldest: wishes.oldest,
    wishToClaim: wishes.toClaim,
    wishToConfirm: wishes.toConfirm,
    volunteer: volunteerPart(ctx, where),
    topics: topicPart(ctx, where),
    points: pointsPart(ctx, where),
  };
  const $ = ctx.db.command.aggregate;
  const row = await getByIdWith<Record<string, unknown[]>>(ctx, Collections.communities, input.communityId, (one) =>
    Object.entries(parts).reduce(
      (query, [as, part]) => query.lookup({ from: part.from, pipeline: part.build($.pipeline()).done(), as }),
      one.project({ _id: 1 }),
    ),
  );
  // Read a moment ago by resolveWhere; gone only if deleted in between.
  if (!row) throw new AppError('NOT_FOUND', 'community.not-found', '没有这个社区');
  const rows = (as: string) => row[as] ?? [];
  return {
    communityIds: where.communityIds,
    scopeLabel: where.label,
    from: input.from,
    to: input.to,
    scoped: ['registrations', 'wishes', 'topics'],
    registrations: registrationsOf(rows('registrations')),
    checkins: checkinsOf(ctx, rows('units'), rows('active')),
    wishes: wishesOf(ctx, {
      counts: rows('wishCounts'),
      oldest: rows('wishOldest'),
      toClaim: rows('wishToClaim'),
      toConfirm: rows('wishToConfirm'),
    }),
    volunteer: volunteerOf(rows('volunteer')),
    topics: topicsOf(rows('topics')),
    points: pointsOf(rows('points')),
  };
}
