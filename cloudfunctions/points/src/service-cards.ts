/**
 * points.serviceCards — a work unit's members' quarterly service cards.
 * Invariants: the unit's own liaison and the admins of the unit's community only (a liaison of
 * another unit, or any other role, is FORBIDDEN); only the unit's own in-office members are
 * listed; the cards are read only after the check; writes nothing. Requests: the caller, the
 * unit with its members and ratings (one aggregation), two aggregations — four (cards.ts).
 */
import type { ServiceCards, ServiceCardsInput } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { serviceCardsOf, unitForCards } from './cards';
import { forbidden, requireUnitViewer, requireWorkUnit } from './permissions';

export async function serviceCards({ ctx, input }: { ctx: Ctx; input: ServiceCardsInput }): Promise<ServiceCards> {
  const actor = await loadActor(ctx);
  if (!actor.has('admin') && !actor.has('liaison')) {
    throw forbidden('points.not-unit-viewer', '只有本单位的联络员或社区管理员可以查看');
  }
  const found = requireWorkUnit(await unitForCards(ctx, input.workUnitId, input.quarter));
  requireUnitViewer(actor, found.unit);
  return serviceCardsOf(ctx, found, input.quarter);
}
