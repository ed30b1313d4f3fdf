/**
 * Moderation of user text: the content check's verdict (./content-check.ts) turned into what a
 * write stores. Invariants:
 * - `moderateTexts` refuses risky text as VALIDATION `content.unsafe` (field by field, before
 *   anything is written) and returns the texts nobody could decide; those are written as they
 *   are, with a hold each (`holds` on the document, one per field, with every path the text is
 *   stored at, its author, cause and time), `held: true` and `heldCount` (indexed for the
 *   reviewers' list) — never refused, never lost;
 * - `holdsRev` counts every change to `holds`; adding holds pushes (`_.push`, `_.inc`) so it
 *   never overwrites a hold written meanwhile, and settling reads the document inside its
 *   transaction and checks each held path still holds the held text, so a decision taken on
 *   stale data never lands;
 * - a decision, its audit entry and the author's messages commit together (one transaction;
 *   crash points `hold.settle.before-commit` / `after-commit`);
 * - settling is idempotent: a hold already settled is not there to settle again, and the call
 *   answers with nothing cleared;
 * - held text reaches only its author and the reviewers (`heldReader`); others see
 *   HELD_PLACEHOLDER; a rejected text is replaced by REMOVED_TEXT at every path it was stored.
 */
import { AppError } from '../../types/errors';
import {
  HELD_PLACEHOLDER,
  REMOVED_TEXT,
  type ClearHoldResult,
  type HeldField,
  type HeldText,
  type HoldCause,
} from '../../types/moderation';
import type { MessageKind } from '../../types/notifications';
import { checkText, type ContentScene } from './content-check';
import type { Ctx } from './context';
import { auditDocOf, type AuditInput } from './audit';
import { Collections, type CollectionName } from './collections';
import { crashPoint } from './crash-points';
import { runTransaction } from './database';
import { iso } from './db-helpers';
import type { Holdable, TextHold, UserDoc } from '../../types/documents';
import { messageOf, type InAppNotice } from './notify';
import { batchOf, owe, owedToInUpdate, type OutboxBatch } from './outbox';
import type { QueuedPush } from '../../types/subscriptions';

export const UNSAFE_MESSAGE = '内容可能含有不当信息，请修改后再提交';

export type { Holdable, TextHold } from '../../types/documents';

export interface HeldTextDraft {
  field: string;
  text: string;
  cause: HoldCause;
}

export interface Moderation {
  held: HeldTextDraft[];
}

/**
 * Checks each non-blank field: refuses the call when any is risky; answers which are held.
 * The keys are the caller's field names (also the names in the refusal's `fields`).
 */
export async function moderateTexts(
  ctx: Ctx,
  fields: Record<string, string | null | undefined>,
  scene: ContentScene = 2,
): Promise<Moderation> {
  const refused: Record<string, string> = {};
  const held: HeldTextDraft[] = [];
  // The fields are checked at once, so a slow check costs CHECK_TIMEOUT_MS once, not per field.
  const present = Object.entries(fields).filter((e): e is [string, string] => Boolean(e[1]?.trim()));
  const verdicts = await Promise.all(present.map(([, text]) => checkText(ctx, text, scene)));
  present.forEach(([field, text], i) => {
    const verdict = verdicts[i]!;
    if (verdict.kind === 'risky') refused[field] = UNSAFE_MESSAGE;
    else if (verdict.kind === 'held') held.push({ field, text, cause: verdict.cause });
  });
  if (Object.keys(refused).length > 0) throw new AppError('VALIDATION', 'content.unsafe', UNSAFE_MESSAGE, refused);
  return { held };
}

/** Where each checked field is stored: its reviewer-facing label and document paths (the first is its name). */
export type HoldPlaces = Record<string, { label: string; paths: string[] }>;

export function holdsOf(
  ctx: Pick<Ctx, 'now'>,
  moderation: Moderation,
  author: { id: string; name: string },
  places: HoldPlaces,
): TextHold[] {
  return moderation.held.map((h) => {
    const place = places[h.field];
    if (!place || place.paths.length === 0) throw new Error(`moderation: no place for field ${h.field}`);
    return {
      field: place.paths[0]!,
      label: place.label,
      paths: place.paths,
      text: h.text,
      authorId: author.id,
      authorName: author.name,
      cause: h.cause,
      at: ctx.now(),
    };
  });
}

/**
 * The author's message that the texts a write stores are held for manual review, or null when
 * none is: one per write (its holds share the author and the time), keyed
 * `<kind>:<id>:hold:<time>:held`, so a write told twice tells once. The write owes it with its act.
 */
export function heldNotice(
  holds: readonly TextHold[],
  o: { kind: string; id: string; communityId: string; messageKind: MessageKind; link: string; where: string },
): InAppNotice | null {
  const first = holds[0];
  if (!first) return null;
  return {
    key: `${o.kind}:${o.id}:hold:${new Date(first.at).getTime()}:held`,
    userId: first.authorId,
    communityId: o.communityId,
    kind: o.messageKind,
    title: '您提交的内容正在人工审核',
    body: `${o.where}${holds.map((h) => h.label).join('、')}需要人工审核，审核前只有您和审核人能看到。`,
    link: o.link,
  };
}

/**
 * What a new document writes so that it owes its author `heldNotice` (batch `held`, ADR 0031):
 * delivered by the author's message centre (`owedTo`, ADR 0038) or with the act's other batches.
 */
export function oweHeld(holds: readonly TextHold[], o: Parameters<typeof heldNotice>[1]): ReturnType<typeof owe> {
  const notice = heldNotice(holds, o);
  return notice ? owe('held', [notice]) : {};
}

/**
 * The same for an update of a stored document: the held notice owed as batch `held-<time>`
 * (a document may hold texts more than once), with `others` — the batches the same write owes
 * besides — so that `owedTo` names all their people in one operator.
 */
export function oweHeldInUpdate(
  ctx: Ctx,
  holds: readonly TextHold[],
  o: Parameters<typeof heldNotice>[1],
  others: Record<string, OutboxBatch | null> = {},
): Record<string, unknown> {
  const notice = heldNotice(holds, o);
  const batches = notice ? { ...others, [`held-${new Date(holds[0]!.at).getTime()}`]: batchOf([notice]) } : others;
  const update: Record<string, unknown> = {};
  for (const [name, batch] of Object.entries(batches)) if (batch) update[`outbox.${name}`] = ctx.db.command.set(batch);
  return { ...update, ...owedToInUpdate(ctx, Object.values(batches)) };
}

/** The hold fields of a new document ({} when nothing is held). */
export function holdsForInsert(holds: readonly TextHold[]): Holdable {
  return holds.length === 0 ? {} : { holds: [...holds], held: true, heldCount: holds.length, holdsRev: 1 };
}

/** The update that adds holds to a stored document ({} when nothing is held). */
export function holdsForUpdate(ctx: Ctx, holds: readonly TextHold[]): Record<string, unknown> {
  if (holds.length === 0) return {};
  const _ = ctx.db.command;
  return { holds: _.push({ each: [...holds] }), held: true, heldCount: _.inc(holds.length), holdsRev: _.inc(1) };
}

/** The document as it is after `holdsForUpdate` (in memory). */
export function withHolds<T extends Holdable>(doc: T, holds: readonly TextHold[]): T {
  if (holds.length === 0) return doc;
  const all = [...(doc.holds ?? []), ...holds];
  return { ...doc, holds: all, held: true, heldCount: all.length, holdsRev: (doc.holdsRev ?? 0) + 1 };
}

/**
 * A reader of the document's texts for one viewer: a held text the viewer may not read (see
 * `mayRead`) comes back as HELD_PLACEHOLDER, anything else unchanged.
 */
export function heldReader(
  doc: Holdable,
  mayRead: (hold: TextHold) => boolean,
): <T extends string | null>(text: T) => T {
  const hidden = new Set((doc.holds ?? []).filter((h) => !mayRead(h)).map((h) => h.text));
  return <T extends string | null>(text: T): T => (text !== null && hidden.has(text) ? (HELD_PLACEHOLDER as T) : text);
}

/** The held fields as their author sees them (no text). */
export function heldFieldsOf(doc: Holdable): HeldField[] {
  return (doc.holds ?? []).map((h) => ({ field: h.field, label: h.label, cause: h.cause, at: iso(h.at) }));
}

/** The held texts as a reviewer sees them, without the reviewer's own. */
export function heldTextsFor(doc: Holdable, reviewerId: string | null): HeldText[] {
  return (doc.holds ?? [])
    .filter((h) => h.authorId !== reviewerId)
    .map((h) => ({
      field: h.field,
      label: h.label,
      cause: h.cause,
      at: iso(h.at),
      text: h.text,
      authorName: h.authorName,
    }));
}

function valueAt(doc: unknown, path: string): unknown {
  let at: unknown = doc;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

export interface SettleArgs {
  /** One field, or every hold on the document when absent. */
  field?: string | undefined;
  decision: 'pass' | 'reject';
  /** The reviewer deciding (the audit entry's actor). */
  reviewer: UserDoc;
  /**
   * What the decision writes besides the document: its audit entry and in-app messages (a
   * queued subscription rides in a message's `push`; one sent at once is `clearHolds`' `sendAfter`).
   */
  record: (settled: readonly TextHold[]) => { audit: AuditInput; notices: readonly InAppNotice[] };
  /** Thrown when a held text itself changed after it was read (the decision is stale). */
  changed: () => AppError;
  /** Thrown when one of the holds to settle is on the reviewer's own text. */
  own: () => AppError;
}

export interface Settled<T> {
  /** The holds this call settled (empty on a retry: they were settled already). */
  settled: TextHold[];
  after: T;
}

/**
 * Settles holds on one document, in one transaction with its audit entry (id
 * `hold:<collection>:<doc>:<holdsRev after>`) and the in-app messages `record` asks for, so a
 * crash leaves all of them or none. `pass`
 * keeps the text and lifts the hold; `reject` replaces the text at every path with
 * REMOVED_TEXT. The document is read inside the transaction: a hold settled meanwhile is not
 * settled again (the call answers with nothing settled), `own()` is thrown when a hold to settle
 * is on the reviewer's own text and `changed()` when a held text itself changed.
 */
export async function settleHolds<T extends Holdable & { _id: string }>(
  ctx: Ctx,
  collection: string,
  doc: T,
  args: SettleArgs,
): Promise<Settled<T>> {
  const _ = ctx.db.command;
  const done = await runTransaction(ctx.db, async (tx) => {
    const current = ((await tx.collection(collection).doc(doc._id).get()).data ?? null) as T | null;
    if (!current) return { settled: [], after: doc, notices: [] as readonly InAppNotice[] };
    const holds = current.holds ?? [];
    const targets = holds.filter((h) => args.field === undefined || h.field === args.field);
    if (targets.length === 0) return { settled: [], after: current, notices: [] as readonly InAppNotice[] };
    if (targets.some((h) => h.authorId === args.reviewer._id)) throw args.own();
    for (const t of targets) if (t.paths.some((p) => valueAt(current, p) !== t.text)) throw args.changed();
    const remaining = holds.filter((h) => !targets.includes(h));
    const rev = (current.holdsRev ?? 0) + 1;
    const update: Record<string, unknown> = {
      holds: _.set(remaining),
      held: remaining.length > 0,
      heldCount: remaining.length,
      holdsRev: rev,
    };
    if (args.decision === 'reject') for (const t of targets) for (const p of t.paths) update[p] = REMOVED_TEXT;
    await tx.collection(collection).doc(current._id).update(update);
    const { audit, notices } = args.record(targets);
    await tx
      .collection(Collections.auditLog)
      .add(auditDocOf(ctx, args.reviewer, audit, `hold:${collection}:${current._id}:${rev}`));
    for (const n of notices) await tx.collection(Collections.messages).add(messageOf(ctx, n));
    crashPoint('hold.settle.before-commit');
    let after = {
      ...current,
      holds: remaining,
      held: remaining.length > 0,
      heldCount: remaining.length,
      holdsRev: rev,
    };
    if (args.decision === 'reject') after = rejectedIn(after, targets);
    return { settled: targets, after, notices };
  });
  crashPoint('hold.settle.after-commit');
  return { settled: done.settled, after: done.after };
}

/** What a reviewer's clearHold settles: the document, who decides, and how it is recorded and told. */
export interface ClearHoldsArgs<T extends Holdable & { _id: string }> {
  kind: ClearHoldResult['kind'];
  collection: CollectionName;
  doc: T;
  input: { field?: string | undefined; decision: 'pass' | 'reject' };
  reviewer: UserDoc;
  own: SettleArgs['own'];
  changed: SettleArgs['changed'];
  /** The audit entry's community, action and target kind; `what(labels)` names what was decided on. */
  audit: Pick<AuditInput, 'communityId' | 'action' | 'targetKind'> & { what: (labels: string) => string };
  /** The rejected text's author's message: its community, kind, link and where the text was ("您为心愿提交的"). */
  notice: { communityId: string; kind: MessageKind; link: string; where: string };
  /**
   * Where a subscription kind fits the author of a rejected text (ADR 0038): `push`, queued with
   * the message (a queued kind, sent if they consented); `afterReject`, run once after the
   * commit with each rejected text's message key (the caller sends a kind WeChat alone keeps the
   * consent of — here it is not, so a function that never sends keeps no send call in its bundle).
   */
  push?: (hold: TextHold) => QueuedPush | null;
  afterReject?: (hold: TextHold, key: string, after: T) => Promise<void>;
}

/** A rejected text's message key: the kind, the document, the field and the hold's time. */
const rejectedKey = (kind: string, id: string, hold: TextHold) =>
  `${kind}:${id}:hold:${hold.field}:${new Date(hold.at).getTime()}:rejected`;

/**
 * A reviewer's clearHold (wish.clearHold, deliberation.clearHold): settles the holds with
 * `settleHolds`, recording one audit entry and, for a rejection, a message to each text's author
 * (keyed by the kind, the document, the field and the hold's time), and answers what it cleared.
 */
export async function clearHolds<T extends Holdable & { _id: string }>(
  ctx: Ctx,
  args: ClearHoldsArgs<T>,
): Promise<ClearHoldResult> {
  const { doc, input } = args;
  const pass = input.decision === 'pass';
  const { settled, after } = await settleHolds(ctx, args.collection, doc, {
    field: input.field,
    decision: input.decision,
    reviewer: args.reviewer,
    own: args.own,
    changed: args.changed,
    record: (settled) => ({
      audit: {
        communityId: args.audit.communityId,
        action: args.audit.action,
        targetKind: args.audit.targetKind,
        targetId: doc._id,
        summary: `${pass ? '通过' : '驳回'}待人工审核内容：${args.audit.what(settled.map((h) => h.label).join('、'))}`,
        before: { holds: settled.map((h) => ({ field: h.field, text: h.text, cause: h.cause })) },
        after: { decision: input.decision, ...(pass ? {} : { text: REMOVED_TEXT }) },
      },
      notices: pass
        ? []
        : settled.map((hold) => {
            const push = args.push?.(hold);
            return {
              key: rejectedKey(args.kind, doc._id, hold),
              userId: hold.authorId,
              communityId: args.notice.communityId,
              kind: args.notice.kind,
              title: '您提交的内容未通过审核',
              body: `${args.notice.where}${hold.label}“${hold.text.slice(0, 30)}”未通过人工审核，已被删除。`,
              link: args.notice.link,
              ...(push ? { push } : {}),
            };
          }),
    }),
  });
  // Sent once: a retry settles nothing, so it sends nothing.
  for (const hold of pass ? [] : settled) await args.afterReject?.(hold, rejectedKey(args.kind, doc._id, hold), after);
  return {
    kind: args.kind,
    id: doc._id,
    decision: input.decision,
    cleared: settled.map((h) => h.field),
    remaining: after.holds?.length ?? 0,
  };
}

/** The document with rejected texts replaced in memory (paths are dotted, indices included). */
function rejectedIn<T>(doc: T, targets: readonly TextHold[]): T {
  const copy = structuredClone(doc) as Record<string, unknown>;
  for (const t of targets) {
    for (const p of t.paths) {
      const keys = p.split('.');
      let at: unknown = copy;
      for (const key of keys.slice(0, -1)) at = (at as Record<string, unknown> | undefined)?.[key];
      if (typeof at === 'object' && at !== null) (at as Record<string, unknown>)[keys[keys.length - 1]!] = REMOVED_TEXT;
    }
  }
  return copy as T;
}

/** One text a write stores: the text, its label for reviewers and the document paths it goes to. */
export interface TextPlace {
  text: string | null | undefined;
  label: string;
  paths: string[];
}

/**
 * The usual call: checks the texts (risky → refused) and answers the holds to write with them.
 * The keys name the fields in a refusal.
 */
export async function moderate(
  ctx: Ctx,
  author: { id: string; name: string },
  texts: Record<string, TextPlace>,
  scene: ContentScene = 2,
): Promise<TextHold[]> {
  const fields = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, v.text]));
  const moderation = await moderateTexts(ctx, fields, scene);
  return holdsOf(ctx, moderation, author, texts);
}
