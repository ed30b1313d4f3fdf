/**
 * An admin refuses ONE 代办 act already done (docs/adr/0044-refusing-a-proxy-act.md): what every
 * area's `refuseProxyAct` shares — who may refuse, which act, the refusal's audit entry and its
 * messages, and the one transaction they are written in with the act's own undoing.
 *
 * Invariants:
 * - the act is named by its audit entry (`audit-proxy.<act>:<target>`, written with the act in its
 *   transaction, ADR 0040); a missing entry is NOT_FOUND `proxy.act-not-found`;
 * - only an admin of the entry's community refuses (FORBIDDEN `auth.not-admin`: a leader, a 网格员,
 *   an admin of another community), with a written reason (the schema: 2–200 characters);
 * - only a 代办 act of the calling area is refused (PRECONDITION_FAILED `proxy.not-proxy-act`: an
 *   entry of any other action — a resident's own acts have no such entry);
 * - the refusal's audit entry has the deterministic id `audit-proxy.refuseAct:<act entry id>`: it
 *   is read with the act's entry (a refused act is CONFLICT `proxy.act-already-refused`, nothing
 *   written) and added in the refusal's transaction, so a concurrent or retried second refusal
 *   collides there, aborts, writes nothing and gets the same CONFLICT — one outcome;
 * - the resident and the proxy are each told in the app, the messages keyed by the act's entry
 *   (`proxy-refused:<entry id>:resident|proxy`) and owed on the refusal's own entry (`outbox`,
 *   `owedTo`; ADR 0031/0038), written in that same transaction: a crash leaves the undoing, the
 *   entry and the messages owed, or none of them (crash point `<area>.refuseProxyAct.before-commit`);
 *   each person's message centre delivers them (`messages/src/owed.ts`);
 * - every refusal here comes before anything is written.
 * Requests: the caller with their roles, the act's entry, its refusal's and the act's documents
 * (`target`, joined under the entry): 1 (one aggregation); then the transaction's start, the
 * entry and the commit — 4, besides the undoing.
 */
import { AppError } from '../../types/errors';
import { PROXY_ACT_ENTRIES, PROXY_REFUSE_ACTION, proxyActLabels } from '../../types/labels/proxy';
import type { ProxyAct, RefusedProxyAct, RefuseProxyActInput } from '../../types/proxy';
import type { MessageKind } from '../../types/notifications';
import { callerJoined, type Actor } from './actor';
import { Collections } from './collections';
import type { Ctx } from './context';
import { crashPoint } from './crash-points';
import { runTransaction, type Transaction } from './database';
import { isDuplicateWrite } from './db-helpers';
import type { AuditDoc, UserDoc } from './documents';
import { owe } from './outbox';
import type { InAppNotice } from './tell-many';

/** The area whose `refuseProxyAct` undoes an act. */
export type RefusingArea = 'wish' | 'volunteer' | 'deliberation';

/** An act about to be refused: the admin, the act's audit entry, which act it is, and why. */
export interface ProxyRefusal {
  actor: Actor;
  admin: UserDoc;
  entry: AuditDoc & { residentId: string };
  act: ProxyAct;
  reason: string;
  /** The act's document as the aggregation found it (`target` of loadRefusal; null: none asked, or gone). */
  target: Record<string, unknown> | null;
  /** The act's entry as joined: what the `TargetJoin` added besides `_target` (its `_`-fields). */
  joined: Record<string, unknown>;
}

type EntriesPipeline = ReturnType<ReturnType<Ctx['db']['command']['aggregate']['pipeline']>['match']>;

/**
 * Joins the act's document (and what comes with it) as `_target` under each entry read, in the
 * caller's one aggregation (the entry's `targetId` names it).
 */
export type TargetJoin = (entries: EntriesPipeline) => EntriesPipeline;

/**
 * A `TargetJoin` of the document of `collection` whose `_id` is the entry's `targetId`, then
 * `more` on the entries (further joins from `_target`'s fields).
 */
export function targetIn(collection: string, more: TargetJoin = (entries) => entries): TargetJoin {
  return (entries) =>
    more(entries.lookup({ from: collection, localField: 'targetId', foreignField: '_id', as: '_target' }));
}

/** What every area's `refuseProxyAct` is called with. */
export interface RefuseArgs {
  ctx: Ctx;
  input: RefuseProxyActInput;
}

/** The id of the refusal's audit entry: one per act. */
export function refusalIdOf(entryId: string): string {
  return `audit-${PROXY_REFUSE_ACTION}:${entryId}`;
}

export function actGone(): AppError {
  return new AppError('PRECONDITION_FAILED', 'proxy.act-gone', '这项代办已被撤回或重新办理，无需再撤销');
}

export function alreadyRefused(): AppError {
  return new AppError('CONFLICT', 'proxy.act-already-refused', '这项代办已被撤销');
}

/** Reads and checks the act to refuse (every refusal before anything is written). */
export async function loadRefusal(
  ctx: Ctx,
  input: RefuseProxyActInput,
  area: RefusingArea,
  target: TargetJoin = (entries) => entries,
): Promise<ProxyRefusal> {
  const _ = ctx.db.command;
  const ids = [input.auditId, refusalIdOf(input.auditId)];
  const { actor, joined } = await callerJoined(ctx, (query) =>
    query.lookup({
      from: Collections.auditLog,
      pipeline: target(
        _.aggregate
          .pipeline()
          .match({ _id: _.in(ids) })
          .limit(2) as EntriesPipeline,
      ).done(),
      as: '_entries',
    }),
  );
  // A caller without a profile has no row, and so no entries: no admin (this throws).
  if (!joined) actor.requireAdminOf('');
  const found = new Map(
    ((joined?._entries ?? []) as Array<AuditDoc & { _target?: Array<Record<string, unknown>> }>).map((e) => [e._id, e]),
  );
  const joinedEntry = found.get(input.auditId);
  if (!joinedEntry) throw new AppError('NOT_FOUND', 'proxy.act-not-found', '找不到这项代办记录');
  const entry = Object.fromEntries(
    Object.entries(joinedEntry).filter(([k]) => !k.startsWith('_') || k === '_id'),
  ) as unknown as AuditDoc;
  const _target = joinedEntry._target;
  const admin = actor.requireAdminOf(entry.communityId);
  const kind = PROXY_ACT_ENTRIES[entry.action];
  if (!kind || kind.area !== area || !entry.residentId) {
    throw new AppError('PRECONDITION_FAILED', 'proxy.not-proxy-act', '这不是一项代办，只能撤销代办的事项');
  }
  if (found.has(refusalIdOf(entry._id))) throw alreadyRefused();
  return {
    actor,
    admin,
    entry: { ...entry, residentId: entry.residentId },
    act: kind.act,
    reason: input.reason,
    target: _target?.[0] ?? null,
    joined: Object.fromEntries(Object.entries(joinedEntry).filter(([k]) => k.startsWith('_') && k !== '_id')),
  };
}

/** What a refusal writes besides the undoing: its audit entry, which owes the two messages. */
export interface RefusalWrites {
  audit: AuditDoc;
  result: RefusedProxyAct;
}

/**
 * The refusal's entry and messages. `what` names the act in the messages ("议题“…”的代表本户投票"),
 * `outcome` says what the refusal did ("选票已作废，该户可在截止前重新投票").
 */
export function refusalWrites(
  ctx: Pick<Ctx, 'now'>,
  refusal: ProxyRefusal,
  said: { what: string; outcome: string; link: string | null; kind: MessageKind },
): RefusalWrites {
  const { entry, admin, reason, act } = refusal;
  const label = proxyActLabels[act];
  const audit: AuditDoc = {
    _id: refusalIdOf(entry._id),
    communityId: entry.communityId,
    actorId: admin._id,
    actorName: admin.name,
    action: PROXY_REFUSE_ACTION,
    targetKind: entry.targetKind,
    targetId: entry.targetId,
    summary: `撤销 ${entry.actorName} 的代办：${said.what}（${label}）。原因：${reason}。${said.outcome}`,
    before: { act: entry._id },
    after: { reason, outcome: said.outcome },
    at: ctx.now(),
    gridId: entry.gridId ?? null,
    residentId: entry.residentId,
  };
  const told: Array<[string, string | null]> = [
    ['resident', entry.residentId],
    ['proxy', entry.actorId],
  ];
  const notices: InAppNotice[] = told.flatMap(([who, userId]) =>
    userId
      ? [
          {
            key: `proxy-refused:${entry._id}:${who}`,
            userId,
            communityId: entry.communityId,
            kind: said.kind,
            title: '代办已被社区管理员撤销',
            body: `${entry.actorName}代办的${said.what}（${label}）已被社区管理员${admin.name}撤销。原因：${reason}。${said.outcome}`,
            link: said.link,
          },
        ]
      : [],
  );
  // Owed on the entry itself: one batch (one text, two keys), delivered by each one's message centre.
  Object.assign(audit, owe('proxyRefused', notices));
  const result: RefusedProxyAct = {
    auditId: entry._id,
    act,
    refusalId: audit._id,
    refusedAt: audit.at.toISOString(),
    outcome: said.outcome,
  };
  return { audit, result };
}

/** The refusal's documents: its entry (the refusal's key, owing the messages). */
export function refusalDocs(writes: Pick<RefusalWrites, 'audit'>): Array<{
  collection: string;
  doc: { _id: string };
}> {
  return [{ collection: Collections.auditLog, doc: writes.audit }];
}

/**
 * Runs the undoing `undo` and the refusal's writes in ONE transaction (crash point `point` before
 * the commit); a collision of the refusal's key (a second refusal) is answered
 * `proxy.act-already-refused`.
 */
export async function commitRefusal<T>(
  ctx: Ctx,
  writes: RefusalWrites,
  point: string,
  undo: (tx: Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await runTransaction(ctx.db, async (tx) => {
      const done = await undo(tx);
      await tx.collection(Collections.auditLog).add(writes.audit);
      crashPoint(point);
      return done;
    });
  } catch (error) {
    if (isDuplicateWrite(error)) throw alreadyRefused();
    throw error;
  }
}
