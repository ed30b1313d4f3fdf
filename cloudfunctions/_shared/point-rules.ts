/**
 * A community's points rules (积分规则): one document per community, `_id` = communityId.
 * Until an admin edits them, the defaults below apply. Any area reads them through `pointRules`.
 */
import type { Ctx } from './context';

export const POINT_RULES = 'point_rules';

export interface PointRulesDoc {
  _id: string;
  registration: number;
  checkin: number;
  volunteerHour: number;
  wishFulfilled: number;
  deliberation: number;
  quarterThreshold: number;
  updatedAt: Date;
}

export const defaultPointRules = {
  registration: 10,
  checkin: 2,
  volunteerHour: 5,
  wishFulfilled: 10,
  deliberation: 2,
  quarterThreshold: 20,
} as const;

export async function pointRules(ctx: Ctx, communityId: string): Promise<PointRulesDoc> {
  const res = await ctx.db.collection(POINT_RULES).doc(communityId).get();
  const stored = (res.data as PointRulesDoc[])[0];
  return stored ?? { _id: communityId, ...defaultPointRules, updatedAt: new Date(0) };
}
