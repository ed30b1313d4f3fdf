/**
 * Making a move and changing a topic: one conditional update each. Invariants:
 * - the write matches the topic only in the step AND at the revision it was decided on —
 *   `where({ _id, step, rev })`, a move by `applyMove` of _shared/state-machine.ts — and counts `updated === 1`; otherwise nothing was written and
 *   the topic is read again to say why (another step → `topic.illegal-move`; the same step at a
 *   newer revision → PRECONDITION_FAILED `topic.changed`);
 * - a move appends its history entry (`_.push`) in that same update, so a step never changes
 *   without its entry, and an entry never exists without its step change;
 * - objects and arrays in `set` are replaced whole (`_.set`), never merged field by field.
 */
import type { Step } from '../../../types/deliberation';
import type { Ctx } from '../../_shared/context';
import { holdsForUpdate, withHolds, type Holdable, type TextHold } from '../../_shared/moderation';
import { changed, topicNotFound, type HistoryDoc, type TopicDoc } from './store';
import { applyMove as writeMove } from '../../_shared/state-machine';
import { topicMachine } from './topic-machine';
import { illegalMove, type Transition } from './transitions';
import { Collections } from '../../_shared/collections';
import { getById } from '../../_shared/db-helpers';

export interface Mover {
  id: string | null;
  name: string;
}

type Settable = Partial<Omit<TopicDoc, '_id' | 'step' | 'rev' | 'history' | 'updatedAt' | keyof Holdable>>;

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

function setOf(ctx: Ctx, set: Record<string, unknown>): Record<string, unknown> {
  const _ = ctx.db.command;
  const update: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(set)) update[key] = isObject(value) ? _.set(value) : value;
  return update;
}

async function whyNot(ctx: Ctx, topicId: string, step: Step, via: Transition['via']): Promise<never> {
  const current = await getById(ctx, Collections.topics, topicId);
  if (!current) throw topicNotFound();
  if (current.step !== step) throw illegalMove(current.step, via);
  throw changed();
}

/** Writes the move; returns the topic as it now is. */
export async function applyMove(
  ctx: Ctx,
  topic: TopicDoc,
  row: Transition,
  args: {
    by: Mover;
    note: string | null;
    set?: Settable;
    paths?: Record<string, unknown>;
    /** Update operators written as they are, in the same write (e.g. the `owedTo` marker). */
    extra?: Record<string, unknown>;
    /** Texts of this move held for manual review, added in the same write (_shared/moderation.ts). */
    holds?: readonly TextHold[];
    /** The time the caller decided the move at (its periods count from it); default: now. */
    at?: Date;
  },
): Promise<TopicDoc> {
  if (row.from !== topic.step) throw illegalMove(topic.step, row.via, row.to);
  const _ = ctx.db.command;
  const now = args.at ?? ctx.now();
  const entry: HistoryDoc = {
    at: now,
    byId: args.by.id,
    byName: args.by.name,
    from: row.from,
    to: row.to,
    note: args.note,
  };
  const set = args.set ?? {};
  const update = {
    ...setOf(ctx, set),
    ...setOf(ctx, args.paths ?? {}),
    step: row.to,
    rev: topic.rev + 1,
    updatedAt: now,
    history: _.push({ each: [entry] }),
    ...holdsForUpdate(ctx, args.holds ?? []),
    ...args.extra,
  };
  const res = await writeMove(ctx.db, topicMachine, row.via, {
    id: topic._id,
    from: row.from,
    to: row.to,
    where: { rev: topic.rev },
    update,
  });
  if (!res.applied) return whyNot(ctx, topic._id, row.from, row.via);
  return withHolds(
    { ...topic, ...set, step: row.to, rev: topic.rev + 1, updatedAt: now, history: [...topic.history, entry] },
    args.holds ?? [],
  );
}

/**
 * Changes a topic within its step (a proposal, a review, a suspension, progress), conditional
 * on the step and revision read; `extra` holds update operators (e.g. `_.push`) applied too.
 * Returns false when the topic changed in the meantime (nothing written).
 */
export async function updateTopic(
  ctx: Ctx,
  topic: TopicDoc,
  set: Settable,
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  const now = ctx.now();
  const res = await ctx.db
    .collection(Collections.topics)
    .where({ _id: topic._id, step: topic.step, rev: topic.rev })
    .update({ ...setOf(ctx, set), ...extra, rev: topic.rev + 1, updatedAt: now });
  return res.updated === 1;
}

/**
 * Runs `attempt` on a fresh read of the topic until its write lands (a few tries), so
 * concurrent changes by different people (e.g. two councils reviewing at once) both land.
 * `attempt` re-checks everything against the topic it is given and returns the new topic, or
 * null when its conditional write lost the race.
 */
export async function withRetry(
  ctx: Ctx,
  topicId: string,
  attempt: (topic: TopicDoc) => Promise<TopicDoc | null>,
): Promise<TopicDoc> {
  for (let i = 0; i < 6; i++) {
    const topic = await getById(ctx, Collections.topics, topicId);
    if (!topic) throw topicNotFound();
    const done = await attempt(topic);
    if (done) return done;
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (i + 1)));
  }
  throw changed();
}
