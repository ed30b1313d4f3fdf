/**
 * deliberation.suspendNotice — a supervisory council member suspends the public notice with a
 * reason (the topic cannot move to execution while suspended). Invariants in suspension.ts.
 */
import type { ReasonInput, TopicDetail } from '../../../types/deliberation';
import type { Ctx } from '../../_shared/context';
import { setSuspension } from './suspension';

export function suspendNotice({ ctx, input }: { ctx: Ctx; input: ReasonInput }): Promise<TopicDetail> {
  return setSuspension(ctx, input, true);
}
