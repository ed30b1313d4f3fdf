/**
 * A community's rules (积分规则与诚信限额): one document per community, `_id` = communityId.
 * Until an admin edits them, the defaults below apply. Any area reads them through `pointRules`.
 *
 * Two groups live here, because they are configured together by the same admin and read by
 * the same verbs:
 * - the points each act earns (registration, check-in, volunteer hour, …) and the quarterly
 *   threshold;
 * - the integrity limits (ADR 0010): how long one activity or event may last, for how many
 *   days after an event its attendance may still be corrected, and how far a manual
 *   adjustment may move one person's points per call and per quarter.
 * A stored document written before the limits existed lacks them: `pointRules` fills each
 * missing field from the defaults, so every reader sees a complete set.
 */
import type { PointRulesDoc } from '../../types/documents';
import { Collections, type CollectionName } from './collections';
import type { Ctx } from './context';
import { getByIdWith } from './db-helpers';

export type { PointRulesDoc };

export type IntegrityLimits = Pick<
  PointRulesDoc,
  'maxActivityHours' | 'attendanceCorrectionDays' | 'adjustmentCapPerCall' | 'adjustmentCapPerQuarter'
>;

export const defaultIntegrityLimits: IntegrityLimits = {
  maxActivityHours: 12,
  attendanceCorrectionDays: 7,
  adjustmentCapPerCall: 100,
  adjustmentCapPerQuarter: 200,
};

/** The bounds an admin may set each limit to (the schema in types/points.ts uses the same). */
export const integrityLimitBounds: Record<keyof IntegrityLimits, { min: number; max: number }> = {
  maxActivityHours: { min: 1, max: 24 },
  attendanceCorrectionDays: { min: 0, max: 30 },
  adjustmentCapPerCall: { min: 1, max: 100 },
  adjustmentCapPerQuarter: { min: 1, max: 1000 },
};

export const defaultPointRules = {
  registration: 10,
  checkin: 2,
  volunteerHour: 5,
  wishFulfilled: 10,
  deliberation: 2,
  quarterThreshold: 20,
  ...defaultIntegrityLimits,
} as const;

export async function pointRules(ctx: Ctx, communityId: string): Promise<PointRulesDoc> {
  const res = await ctx.db.collection(Collections.pointRules).doc(communityId).get();
  return rulesOf(communityId, (res.data as Partial<PointRulesDoc>[])[0]);
}

/** The complete rules of a community from its stored document (or none): defaults fill the gaps. */
export function rulesOf(communityId: string, stored: Partial<PointRulesDoc> | null | undefined): PointRulesDoc {
  if (!stored) return { _id: communityId, ...defaultPointRules, updatedAt: new Date(0) };
  return { ...defaultPointRules, ...stripUndefined(stored), _id: communityId } as PointRulesDoc;
}

/**
 * One document of `collection` by `_id` together with its community's rules, in one request (an
 * aggregation joining `point_rules` on the document's `communityId`), for verbs that need both
 * (a check-in reads its event and the check-in points; a ballot its topic and the participation
 * points). Null when the document does not exist.
 */
export async function withPointRules<T extends { communityId: string }>(
  ctx: Ctx,
  collection: CollectionName,
  id: string,
): Promise<{ doc: T; rules: PointRulesDoc } | null> {
  const row = await getByIdWith<T & { _pointRules?: Partial<PointRulesDoc>[] }>(ctx, collection, id, (one) =>
    one.lookup({ from: Collections.pointRules, localField: 'communityId', foreignField: '_id', as: '_pointRules' }),
  );
  if (!row) return null;
  const { _pointRules: joined = [], ...doc } = row;
  return { doc: doc as unknown as T, rules: rulesOf(row.communityId, joined[0]) };
}

function stripUndefined<T extends object>(doc: T): Partial<T> {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
