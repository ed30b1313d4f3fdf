/**
 * deliberation.liftSuspension — a supervisory council member lifts the suspension with a
 * reason. Invariants in suspension.ts.
 */
import type { ReasonInput, TopicDetail } from '../../../types/deliberation';
import type { Ctx } from '../../_shared/context';
import { setSuspension } from './suspension';

export function liftSuspension({ ctx, input }: { ctx: Ctx; input: ReasonInput }): Promise<TopicDetail> {
  return setSuspension(ctx, input, false);
}
