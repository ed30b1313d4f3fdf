/**
 * Lifecycles as data: each one (a wish, a topic, a binding request, a sign-up, a registration)
 * is a `defineMachine({ … })` table in its own area (`<area>/src/*-machine.ts`), and every
 * state change is decided by `decide` and written by `applyMove`. Invariants:
 * - a machine is plain data: its states, and its moves `{ from: [...], to, who, label }` (or
 *   `{ edges: [[from, to], …] }` for a move that leads each state elsewhere, a step forward); a
 *   `from` of `null` is the move that creates the document; a move with several `to` states
 *   lets the caller choose one (a review publishes or rejects). `defineMachine` refuses, when
 *   the module loads, a move from or to a state the machine does not list;
 * - `decide` checks the state before the person: a move that has no row from the current state
 *   (to the asked-for state) is `illegal`; a move that has one, but for nobody the caller is, is
 *   `forbidden`. It returns the decision and builds no error: each area turns `illegal` and
 *   `forbidden` into its own refusal (`wish.illegal-move`, `topic.not-leader`…), written as a
 *   literal where the refusal scan (scripts/declared-reasons.ts) can read it;
 * - `applyMove` is the one conditional write of a move: it changes the document only where
 *   `_id` matches, the state field is one of the move's `from` states (or the narrower `from`
 *   the caller read) and the caller's extra conditions hold (a revision), and sets the state to
 *   `to` with the caller's other fields in the same write. Nothing matched → a conflict,
 *   nothing written. Outside a transaction that is one `where(…).update(…)` (one request);
 *   inside one (`tx` given) the document is read and then updated by id in the transaction,
 *   so the check and the write commit together or not at all (one request more: the read).
 *   `applyKeyedMove` skips that read inside a transaction for a state every move out of which
 *   adds the same key document (a registration leaving `pending`: its decision or withdrawal);
 *   wish.confirm (wish/move.ts `moveInTransaction`) does the same from a state only one move
 *   leaves (`singleExitStates`), keyed by the message its transaction adds;
 * - docs/state-machines.md draws every machine from these tables (scripts/state-diagrams.ts).
 */
import type { Database, Transaction } from './database';

/** One move: from which states to which (one, or a choice), by whom, and its Chinese name. */
export type MoveSpec<S extends string, W extends string> = {
  /** Who may make it (relative to the document; each area says how a caller is matched). */
  readonly who: W | readonly W[];
  /** The move in Chinese, as refusals name it: "不能{label}". */
  readonly label: string;
} & (
  | {
      /** The states the move leaves; `null` is the move that creates the document. */
      readonly from: readonly (S | null)[];
      /** The state it leads to from each of them, or the states the caller chooses among. */
      readonly to: S | readonly S[];
    }
  | {
      /** A move that leads each state somewhere else (a step forward): `[from, to]` pairs. */
      readonly edges: readonly (readonly [S | null, S])[];
    }
);

export interface MachineSpec<S extends string, W extends string, M extends string> {
  /** Short name, also the diagram's title: `wish`, `topic`, `binding`… */
  readonly name: string;
  /** What the machine is about, in a sentence (the diagram's caption). */
  readonly about: string;
  /** The collection that holds the documents. */
  readonly collection: string;
  /** The document field that holds the state: `state`, `step`, `status`. */
  readonly field: string;
  /** Every state, in the order the lifecycle usually runs. */
  readonly states: readonly S[];
  /** Each state's Chinese name, as the app shows it. */
  readonly labels: Readonly<Record<S, string>>;
  readonly moves: Readonly<Record<M, MoveSpec<S, W>>>;
}

/** One edge of a machine: a move from one state to one state by one kind of person. */
export interface Row<S extends string, W extends string, M extends string> {
  readonly from: S | null;
  readonly to: S;
  readonly move: M;
  readonly who: W;
}

export interface Machine<S extends string, W extends string, M extends string> extends MachineSpec<S, W, M> {
  /** Every edge, in the order of `moves`, then `from`, then `to`, then `who`. */
  readonly rows: readonly Row<S, W, M>[];
}

/** Any machine, for code that handles all of them (the diagrams). */
export type AnyMachine = Machine<string, string, string>;

function list<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/** The `[from, to]` pairs of a move, whichever way it is written. */
export function edgesOf<S extends string>(spec: MoveSpec<S, string>): (readonly [S | null, S])[] {
  if ('edges' in spec) return [...spec.edges];
  return spec.from.flatMap((from) => list(spec.to).map((to) => [from, to] as const));
}

/** Checks the table and expands it into rows. Throws (when the module loads) on an unknown state. */
export function defineMachine<const S extends string, const W extends string, const M extends string>(
  spec: MachineSpec<S, W, M>,
): Machine<S, W, M> {
  const known = new Set<string>(spec.states);
  const rows: Row<S, W, M>[] = [];
  for (const move of Object.keys(spec.moves) as M[]) {
    const m = spec.moves[move];
    for (const [from, to] of edgesOf(m)) {
      for (const state of [from, to]) {
        if (state !== null && !known.has(state)) {
          throw new Error(`state machine ${spec.name}: move ${move} names unknown state ${state}`);
        }
      }
      for (const who of list(m.who)) rows.push({ from, to, move, who });
    }
  }
  return { ...spec, rows };
}

/** The rows of `move` from `state` (optionally only those to `to`). */
export function movesFrom<S extends string, W extends string, M extends string>(
  machine: Machine<S, W, M>,
  state: S | null,
  move: M,
  to?: S,
): Row<S, W, M>[] {
  return machine.rows.filter((r) => r.from === state && r.move === move && (to === undefined || r.to === to));
}

export type Decision<S extends string, W extends string, M extends string> =
  | { readonly ok: true; readonly row: Row<S, W, M> }
  /** No row of this move leaves the state (or none leads to the asked-for state). */
  | { readonly ok: false; readonly why: 'illegal' }
  /** Rows exist, but none for anyone the caller is; `rows` are those rows (whom they name). */
  | { readonly ok: false; readonly why: 'forbidden'; readonly rows: readonly Row<S, W, M>[] };

/**
 * May `move` be made from `state` (to `to`, when the caller chooses) by someone who is each of
 * `who`? Without `who`, only the state is checked (the first row is returned).
 */
export function decide<S extends string, W extends string, M extends string>(
  machine: Machine<S, W, M>,
  state: S | null,
  move: M,
  options: { to?: S; who?: ReadonlySet<W> } = {},
): Decision<S, W, M> {
  const rows = movesFrom(machine, state, move, options.to);
  if (rows.length === 0) return { ok: false, why: 'illegal' };
  const who = options.who;
  const row = who ? rows.find((r) => who.has(r.who)) : rows[0];
  if (!row) return { ok: false, why: 'forbidden', rows };
  return { ok: true, row };
}

/** The moves someone who is each of `who` may make from `state`. */
export function allowedMoves<S extends string, W extends string, M extends string>(
  machine: Machine<S, W, M>,
  state: S,
  who: ReadonlySet<W>,
): M[] {
  const moves = machine.rows.filter((r) => r.from === state && who.has(r.who)).map((r) => r.move);
  return [...new Set(moves)];
}

/** The states no move leaves. */
export function finalStates<S extends string>(machine: Machine<S, string, string>): S[] {
  return machine.states.filter((s) => !machine.rows.some((r) => r.from === s));
}

/** The states exactly one move leaves (whoever makes it, wherever it leads). */
export function singleExitStates<S extends string>(machine: Machine<S, string, string>): Set<S> {
  return new Set(
    machine.states.filter((s) => new Set(machine.rows.filter((r) => r.from === s).map((r) => r.move)).size === 1),
  );
}

/** A move to write: which document, from which state(s), to which, and what else changes. */
export interface MoveWrite<S extends string> {
  readonly id: string;
  /** The state(s) the document must be in; by default every state the move leaves. */
  readonly from?: S | readonly S[];
  readonly to: S;
  /** Extra equality conditions, e.g. `{ rev: 3 }` (values compared as stored: primitives, Dates). */
  readonly where?: Readonly<Record<string, unknown>>;
  /** The other fields the move changes, in SDK update form (`_.push`, `_.set`… allowed). */
  readonly update?: Readonly<Record<string, unknown>>;
}

export type MoveResult =
  | { readonly applied: true }
  /**
   * Nothing matched, nothing was written. Inside a transaction the document was read, and
   * `current` is it as stored (null when missing); outside, it was not read (`undefined`).
   */
  | { readonly applied: false; readonly current?: Record<string, unknown> | null };

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  return a === b;
}

/**
 * Makes `move` on one document: the state field set to `write.to`, with `write.update`, only
 * where `_id`, the state (one the move leads from to `write.to`) and `write.where` hold. With `tx`, inside
 * that transaction (read, check, update by id); without, as one conditional update.
 */
export async function applyMove<S extends string, W extends string, M extends string>(
  db: Database,
  machine: Machine<S, W, M>,
  move: M,
  write: MoveWrite<S>,
  tx?: Transaction,
): Promise<MoveResult> {
  // The states this move leads from to `write.to`; the caller may narrow them, never widen.
  const leaves = edgesOf(machine.moves[move])
    .filter(([f, t]) => f !== null && t === write.to)
    .map(([f]) => f as S);
  const from = write.from === undefined ? leaves : list(write.from);
  const outside = from.filter((s) => !leaves.includes(s));
  if (from.length === 0 || outside.length > 0) {
    throw new Error(
      `state machine ${machine.name}: move ${move} does not lead from ${outside.join(', ') || 'anywhere'} to ${write.to}`,
    );
  }
  const update = { ...(write.update ?? {}), [machine.field]: write.to };
  const where = write.where ?? {};

  if (tx) {
    const ref = tx.collection(machine.collection).doc(write.id);
    const current = ((await ref.get()) as { data: Record<string, unknown> | null }).data ?? null;
    const matches =
      current !== null &&
      from.includes(current[machine.field] as S) &&
      Object.entries(where).every(([key, value]) => sameValue(current[key], value));
    if (!matches) return { applied: false, current };
    await ref.update(update);
    return { applied: true };
  }

  const state = from.length === 1 ? from[0] : db.command.in([...from]);
  const res = await db
    .collection(machine.collection)
    .where({ _id: write.id, [machine.field]: state, ...where })
    .update(update);
  return res.updated === 1 ? { applied: true } : { applied: false };
}

/** The document a keyed move adds in its transaction: its collection and the document (with `_id`). */
export interface MoveKey<D extends { readonly _id: string } = { readonly _id: string }> {
  readonly collection: string;
  readonly doc: D;
}

/**
 * Makes `move` inside `tx` WITHOUT reading the document again (one request fewer than
 * `applyMove` with `tx`): the key document is added (when given) and the document updated by
 * id. Sound only when EVERY move out of `write.from` adds the same key document in its own
 * transaction (the caller's contract; a registration leaving `pending` — decided or withdrawn —
 * adds its `registrationLeftPendingKey`; a correction of a credited sign-up adds the reversal of
 * its entry, which the caller's transaction adds itself: no `key` here): then a second move out
 * of that state collides on the key (DATABASE_DUPLICATE_WRITE, or a conflict while both are
 * open) and its transaction aborts, so the document is, at the commit, still in the state the
 * caller read. Also for a document whose state the transaction has read elsewhere and will
 * write back with it (a sign-up, whose place is on its activity's queue lists). `write.from` is
 * that state; the table must allow the move from it to `write.to` (checked here, as `decide` does).
 */
export async function applyKeyedMove<
  S extends string,
  W extends string,
  M extends string,
  D extends { readonly _id: string } = { readonly _id: string },
>(
  tx: Transaction,
  machine: Machine<S, W, M>,
  move: M,
  write: Omit<MoveWrite<S>, 'from'> & { readonly from: S },
  key?: MoveKey<D>,
): Promise<void> {
  if (!decide(machine, write.from, move, { to: write.to }).ok) {
    throw new Error(`state machine ${machine.name}: move ${move} does not lead from ${write.from} to ${write.to}`);
  }
  if (key) await tx.collection(key.collection).add(key.doc);
  await tx
    .collection(machine.collection)
    .doc(write.id)
    .update({ ...(write.update ?? {}), [machine.field]: write.to });
}
