/**
 * points.serviceCards — a work unit's members' quarterly service cards.
 * Invariants: the unit's own liaison and the admins of the unit's community only (a liaison of
 * another unit, or any other role, is FORBIDDEN); only the unit's own in-office members are
 * listed; a fixed number of database requests (see cards.ts); writes nothing.
 */
import type { ServiceCards, ServiceCardsInput } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { serviceCardsOf } from './cards';
import { forbidden, requireUnitViewer, requireWorkUnit } from './permissions';

export async function serviceCards({ ctx, input }: { ctx: Ctx; input: ServiceCardsInput }): Promise<ServiceCards> {
  const actor = await loadActor(ctx);
  if (!actor.has('admin') && !actor.has('liaison')) {
    throw forbidden('points.not-unit-viewer', '只有本单位的联络员或社区管理员可以查看');
  }
  const unit = await requireWorkUnit(ctx, input.workUnitId);
  requireUnitViewer(actor, unit);
  return serviceCardsOf(ctx, unit, input.quarter);
}
