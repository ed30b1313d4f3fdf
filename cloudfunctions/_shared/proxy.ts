/**
 * 代办 (acting for a resident, docs/adr/0040-proxy-acts.md): who may act for whom, and the
 * call context an act done for a resident runs in.
 *
 * Invariants:
 * - a proxy is a 网格员 / 网格长 of the grid the resident's building belongs to NOW, or a
 *   楼栋党小组长 of that building (`mayProxyIn`); an estate leader or an admin is not a proxy
 *   (they review and may refuse the acts); the resident must still live in the consent's
 *   household (a resident role there NOW): one who moved out is outside that scope;
 * - an act needs a consent that names the resident, allows the act, is not withdrawn and, for a
 *   ballot, is a written one with the 委托书's photo, used by the agent it names (the proxy who
 *   recorded it); nobody acts for their own household (so a
 *   proxy never casts a second ballot for their own home) nor for themselves;
 * - the act then runs as the resident (`actingFor` answers a context whose caller is the
 *   resident's identity, and the resident's Actor: their user with their own roles): the verb
 *   applies every rule it applies to the resident themself, the resident's points go to the
 *   resident under the verb's own deterministic keys, and the household's ballot keeps its one
 *   key — there is no second way to do any act: a verb reads its caller only through
 *   `actingFor`, with or without a proxy;
 * - the verb's own read (`RowStages` on its caller's row) is joined to the resident's row inside
 *   the proxy's aggregation, so it reads what it reads for the resident themself — the same
 *   stages, on the resident's row;
 * - every refusal here comes before anything is written.
 * Requests: the caller with what the verb joins to them 1; for a 代办 the same ONE aggregation on
 * the proxy's user: their roles, the consent (an uncorrelated sub-pipeline by id) with its
 * building and its resident (a sub-pipeline correlated by the consent's `residentId`: the
 * resident's user, their roles and the verb's stages) — a 代办 costs no request of its own.
 */
import { AppError } from '../../types/errors';
import type { ProxyAct, ProxyInput, ProxyStamp } from '../../types/proxy';
import { proxyActLabels } from '../../types/labels/proxy';
import { actorOfRow, callerJoined, withRoles, type Actor, type RowStages } from './actor';
import { Collections } from './collections';
import type { Ctx } from './context';
import type { AuditDoc, BuildingDoc, ProxyConsentDoc, UserDoc } from '../../types/documents';

/** Whether the actor may act for residents of the building: its grid's worker or leader, or its building leader. */
export function mayProxyIn(actor: Actor, building: Pick<BuildingDoc, '_id' | 'gridId'>): boolean {
  const gridId = building.gridId;
  return (
    actor.has('building_leader', (r) => r.buildingId === building._id) ||
    (Boolean(gridId) && actor.has('grid_worker', (r) => r.gridId === gridId)) ||
    (Boolean(gridId) && actor.has('grid_leader', (r) => r.gridId === gridId))
  );
}

/** Whether the actor may act for anyone at all (the 代办 entry is shown to them). */
export function isProxyKind(actor: Actor, communityId: string): boolean {
  return actor.roles.some(
    (r) =>
      r.communityId === communityId &&
      (r.kind === 'building_leader' || r.kind === 'grid_worker' || r.kind === 'grid_leader'),
  );
}

/** A granted 代办: the stamp the act's documents carry, the proxy, the consent and the grid counted. */
export interface ProxyGrant {
  stamp: ProxyStamp;
  proxy: Pick<UserDoc, '_id' | 'name'>;
  consent: ProxyConsentDoc;
  resident: UserDoc;
  /** The resident's building's grid now (null: 未划分网格). */
  gridId: string | null;
}

export function outsideScope(): AppError {
  return new AppError(
    'FORBIDDEN',
    'proxy.outside-scope',
    '只有居民所在网格的网格员、网格长或所在楼栋的党小组长可以代办',
  );
}

/** Whom an act is done as, and in which context (`actingFor`). */
export interface ActingAs {
  /** The call's own context, or for a 代办 the resident's (the caller becomes the resident's identity). */
  ctx: Ctx;
  grant: ProxyGrant | null;
  /** The caller, or for a 代办 the resident: their user and their own roles. */
  actor: Actor;
  /** What the verb's stages joined to that person's row (null: the caller has no user document). */
  joined: Record<string, unknown> | null;
}

/**
 * Whom the act is done as, with what the verb's `more` joins to their row, in ONE request: the
 * caller when `proxy` is absent; for a 代办, once every check above holds, the resident of the
 * consent — `more` runs on the resident's row, inside the proxy's aggregation.
 */
export async function actingFor(
  ctx: Ctx,
  proxy: ProxyInput | undefined,
  act: ProxyAct,
  more: RowStages = (query) => query,
): Promise<ActingAs> {
  if (!proxy) return { ctx, grant: null, ...(await callerJoined(ctx, more)) };
  const _ = ctx.db.command;
  const $ = _.aggregate;
  // The resident's row as the verb reads its caller's: the user, their roles, the verb's stages.
  const residentRow = more(
    withRoles(
      $.pipeline()
        .match(_.expr($.eq(['$_id', '$$residentId'])))
        .limit(1),
    ),
  ).done();
  const { actor, joined } = await callerJoined(ctx, (query) =>
    query.lookup({
      from: Collections.proxyConsents,
      pipeline: $.pipeline()
        .match({ _id: proxy.consentId })
        .limit(1)
        .lookup({ from: Collections.buildings, localField: 'buildingId', foreignField: '_id', as: '_building' })
        .lookup({ from: Collections.users, let: { residentId: '$residentId' }, pipeline: residentRow, as: '_resident' })
        .done(),
      as: '_consent',
    }),
  );
  const user = actor.requireUser();
  const row = (
    joined?._consent as
      Array<ProxyConsentDoc & { _building?: BuildingDoc[]; _resident?: Array<Record<string, unknown>> }> | undefined
  )?.[0];
  if (!row) throw new AppError('NOT_FOUND', 'proxy.consent-not-found', '找不到这份代办授权');
  const { _building, _resident, ...consent } = row;
  if (consent.withdrawnAt) {
    throw new AppError('PRECONDITION_FAILED', 'proxy.consent-withdrawn', '这份代办授权已撤回，不能再代办');
  }
  if (!consent.scope.includes(act)) {
    throw new AppError('FORBIDDEN', 'proxy.act-not-consented', `居民没有授权代办“${proxyActLabels[act]}”`);
  }
  if (act === 'cast_ballot' && (consent.kind !== 'written' || !consent.photoFileId)) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'proxy.written-consent-required',
      '代表本户投票需要居民签字的书面委托书照片',
    );
  }
  const building = _building?.[0] ?? null;
  if (!building || building.communityId !== consent.communityId || !mayProxyIn(actor, building)) throw outsideScope();
  // A 委托书 names its agent — the proxy it was handed to, who recorded it: the household's
  // ballot on it is theirs to cast, not any other proxy's of the grid or the building.
  if (act === 'cast_ballot' && consent.actorId !== user._id) {
    throw new AppError(
      'FORBIDDEN',
      'proxy.not-named-agent',
      `这份委托书的受托人是${consent.actorName}，只有受托人本人可以代表本户投票`,
    );
  }
  if (consent.residentId === user._id || actor.has('resident', (r) => r.householdId === consent.householdId)) {
    throw new AppError('FORBIDDEN', 'proxy.own-household', '不能为自己家代办，请本人直接办理');
  }
  const found = _resident?.[0];
  if (!found) throw new AppError('NOT_FOUND', 'proxy.consent-not-found', '找不到这份代办授权');
  const as = actorOfRow(String(found.openid), found);
  // The consent's household must still be hers: a resident who moved out (her role there
  // revoked) lives outside the proxy's scope now, whatever the old consent says.
  if (!as.actor.has('resident', (r) => r.householdId === consent.householdId)) throw outsideScope();
  const resident = as.actor.requireUser();
  const grant: ProxyGrant = {
    stamp: { actorId: user._id, actorName: user.name, consentId: consent._id },
    proxy: { _id: user._id, name: user.name },
    consent,
    resident,
    gridId: building.gridId ?? null,
  };
  return { ctx: asResident(ctx, resident), grant, actor: as.actor, joined: as.joined };
}

/** The context of an act run as the resident: the caller becomes the resident's identity. */
export function asResident(ctx: Ctx, resident: Pick<UserDoc, 'openid'>): Ctx {
  return { ...ctx, caller: { ...ctx.caller, openid: resident.openid } };
}

/**
 * The audit entry of a 代办 act, written in the act's own write: `_id` `audit-<action>:<key>`
 * (one per act; `key` defaults to the target, and differs from it where one target may be acted
 * on again after a refusal: a household's ballot), actor the proxy, the resident and the grid
 * named so acts count per grid.
 */
export function proxyAuditDoc(
  ctx: Pick<Ctx, 'now'>,
  grant: ProxyGrant,
  entry: { action: string; targetKind: string; targetId: string; key?: string; summary: string; after?: unknown },
): AuditDoc {
  return {
    _id: `audit-${entry.action}:${entry.key ?? entry.targetId}`,
    communityId: grant.consent.communityId,
    actorId: grant.proxy._id,
    actorName: grant.proxy.name,
    action: entry.action,
    targetKind: entry.targetKind,
    targetId: entry.targetId,
    summary: `为 ${grant.resident.name}（${grant.consent.householdLabel}）${entry.summary}，授权 ${grant.consent._id}`,
    before: null,
    after: entry.after ?? null,
    at: ctx.now(),
    gridId: grant.gridId,
    residentId: grant.resident._id,
  };
}

/** The timeline note of an act done by a proxy. */
export function proxyNote(grant: ProxyGrant | null): string | null {
  return grant ? `由${grant.proxy.name}代办` : null;
}
