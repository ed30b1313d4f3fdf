/**
 * Where a dashboard figure looks: the communities summed (one, or a street's), an optional
 * estate/building drill-down and the date range as instants. Invariants: resolved with a fixed
 * number of reads for a given input shape (community; + street and its communities; + the
 * estate or building); who gets this far: an admin of the named community, or — to read, never
 * to export — a street viewer of the community's street (decided from the community read anyway,
 * so no extra read); a drill-down target outside the community is NOT_FOUND; dates are
 * Asia/Shanghai days, `to` inclusive.
 */
import { AppError } from '../../../types/errors';
import { addDays, parseCstDay } from '../../../types/time';
import type { Actor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { BuildingDoc, CommunityDoc, EstateDoc, StreetDoc } from '../../_shared/documents';
import { NO_GRID } from './rollup-model';

/** Largest result an aggregation returns here (CloudBase returns 20 without a limit). */
export const AGGREGATE_LIMIT = 10_000;

export interface Where {
  communityIds: string[];
  communityNames: Map<string, string>;
  label: string;
  estateId: string | null;
  buildingId: string | null;
  /** A grid drill-down: the grid's id, or NO_GRID for the buildings without one (未划分网格). */
  gridId: string | null;
  /** A grid drill-down's buildings as they are now (their figures are the grid's); else empty. */
  gridBuildings: string[];
  /** The input's days, `YYYY-MM-DD` (Asia/Shanghai), `to` inclusive. */
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/** [start of `from`, start of the day after `to`) in Asia/Shanghai. */
export function rangeOf(from: string, to: string): { start: Date; end: Date } {
  const start = parseCstDay(from);
  const last = parseCstDay(to);
  // The input schema already refused anything else (DateInput 'day').
  if (!start || !last) throw new AppError('VALIDATION', 'input.invalid', '日期不是有效的日期');
  return { start, end: addDays(last, 1) };
}

/** The community with what the input names joined (each list 0 or 1 long, siblings: the street's communities). */
interface LoadedCommunity extends CommunityDoc {
  street?: StreetDoc[];
  grid?: Array<{ _id: string; communityId: string; name: string }>;
  gridBuildings?: Array<{ _id: string }>;
  siblings?: Array<Pick<CommunityDoc, '_id' | 'name'>>;
  building?: BuildingDoc[];
  estate?: EstateDoc[];
}

/**
 * One request: the community, and — as the input asks — its street and the street's
 * communities, or the named building, or the named estate, or the named grid and its buildings
 * (joined by `$lookup`).
 */
async function loadCommunity(
  ctx: Ctx,
  input: { communityId: string; estateId?: string; buildingId?: string; gridId?: string; street?: boolean },
): Promise<LoadedCommunity | null> {
  const $ = ctx.db.command.aggregate;
  let query = ctx.db.collection(Collections.communities).aggregate().match({ _id: input.communityId }).limit(1);
  if (input.street) {
    query = query
      .lookup({ from: Collections.streets, localField: 'streetId', foreignField: '_id', as: 'street' })
      .lookup({ from: Collections.communities, localField: 'streetId', foreignField: 'streetId', as: 'siblings' })
      .addFields({ siblings: $.map({ input: '$siblings', as: 'c', in: { _id: '$$c._id', name: '$$c.name' } }) });
  } else if (input.buildingId) {
    query = query
      .addFields({ wantedBuilding: $.literal(input.buildingId) })
      .lookup({ from: Collections.buildings, localField: 'wantedBuilding', foreignField: '_id', as: 'building' });
  } else if (input.estateId) {
    query = query
      .addFields({ wantedEstate: $.literal(input.estateId) })
      .lookup({ from: Collections.estates, localField: 'wantedEstate', foreignField: '_id', as: 'estate' });
  } else if (input.gridId) {
    if (input.gridId !== NO_GRID) {
      query = query
        .addFields({ wantedGrid: $.literal(input.gridId) })
        .lookup({ from: Collections.grids, localField: 'wantedGrid', foreignField: '_id', as: 'grid' });
    }
    // The grid's buildings (未划分网格: the community's buildings without one).
    const inGrid =
      input.gridId === NO_GRID ? { communityId: input.communityId, gridId: null } : { gridId: input.gridId };
    query = query.lookup({
      from: Collections.buildings,
      pipeline: $.pipeline().match(inGrid).project({ _id: 1 }).limit(AGGREGATE_LIMIT).done(),
      as: 'gridBuildings',
    });
  }
  const res = await query.end();
  return ((res.data ?? []) as LoadedCommunity[])[0] ?? null;
}

const notFound = (what: string) => new AppError('NOT_FOUND', 'dashboard.scope-not-found', `本社区没有这个${what}`);

/** What the caller means to do: `read` the figures (overview) or `export` records (admins only). */
export type Purpose = 'read' | 'export';

export async function resolveWhere(
  ctx: Ctx,
  actor: Actor,
  input: {
    communityId: string;
    from: string;
    to: string;
    estateId?: string;
    buildingId?: string;
    gridId?: string;
    street?: boolean;
  },
  purpose: Purpose = 'read',
): Promise<Where> {
  const admin = actor.isAdminOf(input.communityId);
  if (!admin) {
    // Anyone but an admin or a street viewer is refused before anything is read.
    if (!actor.has('street_viewer')) actor.requireAdminOf(input.communityId);
    if (purpose === 'export') {
      throw new AppError('FORBIDDEN', 'dashboard.read-only', '街道工作人员只能查看数据看板，不能导出数据');
    }
  }
  const community = await loadCommunity(ctx, input);
  if (!community) throw new AppError('NOT_FOUND', 'community.not-found', '没有这个社区');
  if (!admin && !actor.has('street_viewer', (r) => r.streetId === community.streetId)) {
    throw new AppError('FORBIDDEN', 'dashboard.other-street', '只能查看本街道各社区的数据');
  }
  const { start, end } = rangeOf(input.from, input.to);
  const base = {
    start,
    end,
    from: input.from,
    to: input.to,
    estateId: null,
    buildingId: null,
    gridId: null,
    gridBuildings: [],
  };
  if (input.street) {
    const docs = community.siblings ?? [];
    return {
      ...base,
      communityIds: docs.map((c) => c._id).sort(),
      communityNames: new Map(docs.map((c) => [c._id, c.name])),
      label: community.street?.[0]?.name ?? '本街道',
    };
  }
  const one = {
    ...base,
    communityIds: [community._id],
    communityNames: new Map([[community._id, community.name]]),
    label: community.name,
  };
  if (input.buildingId) {
    const building = community.building?.[0];
    if (!building || building.communityId !== community._id) throw notFound('楼栋');
    if (input.estateId && building.estateId !== input.estateId) throw notFound('楼栋');
    return {
      ...one,
      estateId: building.estateId,
      buildingId: building._id,
      label: `${community.name} · ${building.name}`,
    };
  }
  if (input.gridId) {
    const gridBuildings = (community.gridBuildings ?? []).map((b) => b._id).sort();
    if (input.gridId === NO_GRID) {
      return { ...one, gridId: NO_GRID, gridBuildings, label: `${community.name} · 未划分网格` };
    }
    const grid = community.grid?.[0];
    if (!grid || grid.communityId !== community._id) throw notFound('网格');
    return { ...one, gridId: grid._id, gridBuildings, label: `${community.name} · ${grid.name}` };
  }
  if (input.estateId) {
    const estate = community.estate?.[0];
    if (!estate || estate.communityId !== community._id) throw notFound('小区');
    return { ...one, estateId: estate._id, label: `${community.name} · ${estate.name}` };
  }
  return one;
}

/** The `communityId` condition: the value itself for one community, `in` for a street. */
export function communityCond(ctx: Ctx, where: Where): string | ReturnType<Ctx['db']['command']['in']> {
  return where.communityIds.length === 1 ? (where.communityIds[0] as string) : ctx.db.command.in(where.communityIds);
}

/** The drill-down condition on documents that carry `estateId` / `buildingId` themselves. */
export function placeCond(where: Where, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (where.estateId) out[`${prefix}estateId`] = where.estateId;
  if (where.buildingId) out[`${prefix}buildingId`] = where.buildingId;
  return out;
}

/** createdAt-style condition for the range. */
export function inRange(ctx: Ctx, where: Where) {
  const _ = ctx.db.command;
  return _.gte(where.start).and(_.lt(where.end));
}

/** An aggregation pipeline under construction (a collection's, or a sub-pipeline's). */
export type Pipeline = ReturnType<Ctx['db']['command']['aggregate']['pipeline']>;

/**
 * One figure's aggregation: the collection it reads and its stages. The overview runs every
 * part as an uncorrelated `$lookup` sub-pipeline of one request (overview.ts); `runPart` runs one
 * alone (its own request, for the benchmark's per-part timings).
 */
export interface Part {
  from: string;
  build: (pipeline: Pipeline) => Pipeline;
}

export async function runPart(ctx: Ctx, part: Part): Promise<unknown[]> {
  const res = await part.build(ctx.db.collection(part.from).aggregate()).end();
  return ((res as { data?: unknown[] }).data ?? []) as unknown[];
}
