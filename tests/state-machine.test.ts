/**
 * The one state-machine module (cloudfunctions/_shared/state-machine.ts): a lifecycle is a table
 * of moves; `decide` refuses a move the table does not have from the current state (or not for
 * this person); `applyMove` writes a move as one conditional update — outside a transaction and
 * inside one — so a move decided on a stale state conflicts and changes nothing. Against a real
 * emulator database through the real SDK. Also: docs/state-machines.md is drawn from the tables.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmu, type Emu, type SdkDb } from './emulator/helpers';
import { AppError } from '../types/errors';
import { runTransaction } from '../cloudfunctions/_shared/database';
import {
  allowedMoves,
  applyKeyedMove,
  applyMove,
  decide,
  defineMachine,
  finalStates,
  singleExitStates,
} from '../cloudfunctions/_shared/state-machine';
import { wishMachine } from '../cloudfunctions/wish/src/wish-machine';
import { decideMove as decideWishMove } from '../cloudfunctions/wish/src/transitions';
import { decideMove as decideTopicMove } from '../cloudfunctions/deliberation/src/transitions';
import { machines, renderStateDiagrams } from '../scripts/state-diagrams';

/** A small lifecycle: a repair request is opened, fixed or dropped, and confirmed by its owner. */
const repair = defineMachine<
  'open' | 'fixed' | 'dropped' | 'confirmed',
  'owner' | 'fixer',
  'open' | 'fix' | 'drop' | 'confirm'
>({
  name: 'repair',
  about: '报修',
  collection: 'repairs',
  field: 'status',
  states: ['open', 'fixed', 'dropped', 'confirmed'],
  labels: { open: '待维修', fixed: '已修好', dropped: '已撤销', confirmed: '已确认' },
  moves: {
    open: { from: [null], to: 'open', who: 'owner', label: '报修' },
    fix: { from: ['open'], to: 'fixed', who: 'fixer', label: '维修' },
    drop: { from: ['open', 'fixed'], to: 'dropped', who: ['owner', 'fixer'], label: '撤销' },
    confirm: { from: ['fixed'], to: 'confirmed', who: 'owner', label: '确认' },
  },
});

describe('the table', () => {
  test('a move that names a state the machine does not list is refused when the table is defined', () => {
    expect(() =>
      defineMachine<'a' | 'b', 'x', 'go'>({
        name: 'broken',
        about: '',
        collection: 'c',
        field: 'status',
        states: ['a'] as unknown as readonly ('a' | 'b')[],
        labels: { a: 'A', b: 'B' },
        moves: { go: { from: ['a'], to: 'b', who: 'x', label: '走' } },
      }),
    ).toThrow('move go names unknown state b');
  });

  test('a move not in the table from the current state is illegal, whoever asks', () => {
    expect(decide(repair, 'confirmed', 'fix', { who: new Set(['fixer'] as const) })).toEqual({
      ok: false,
      why: 'illegal',
    });
    expect(decide(repair, 'fixed', 'fix')).toEqual({ ok: false, why: 'illegal' });
    expect(decide(repair, 'open', 'fix', { to: 'confirmed' })).toEqual({ ok: false, why: 'illegal' });
  });

  test('a move in the table but not for this person is forbidden, naming whom the table allows', () => {
    const decision = decide(repair, 'fixed', 'confirm', { who: new Set(['fixer'] as const) });
    expect(decision).toEqual({
      ok: false,
      why: 'forbidden',
      rows: [{ from: 'fixed', to: 'confirmed', move: 'confirm', who: 'owner' }],
    });
  });

  test('a legal move by an allowed person gives its row; a move for several people matches any of them', () => {
    expect(decide(repair, 'open', 'fix', { who: new Set(['fixer'] as const) })).toEqual({
      ok: true,
      row: { from: 'open', to: 'fixed', move: 'fix', who: 'fixer' },
    });
    expect(decide(repair, 'fixed', 'drop', { who: new Set(['owner'] as const) })).toMatchObject({
      ok: true,
      row: { who: 'owner' },
    });
    expect(allowedMoves(repair, 'fixed', new Set(['owner'] as const))).toEqual(['drop', 'confirm']);
  });

  test('final states are those no move leaves; single-exit states those only one move leaves', () => {
    expect(finalStates(repair)).toEqual(['dropped', 'confirmed']);
    expect([...singleExitStates(repair)]).toEqual([]);
    expect([...singleExitStates(wishMachine)]).toEqual(['fulfilled']);
  });

  test('an illegal wish move is refused with wish.illegal-move, naming the current state in Chinese', () => {
    const refusal = catchError(() =>
      decideWishMove({ state: 'confirmed', claimerId: null }, 'withdraw', new Set(['poster']), 'u1'),
    );
    expect(refusal).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'wish.illegal-move' });
    expect(refusal.message).toBe('该心愿当前状态为「已确认」，不能撤回');
  });

  test('a claim on a wish someone else holds is still CONFLICT wish.already-claimed; a wrong person FORBIDDEN', () => {
    const taken = catchError(() =>
      decideWishMove({ state: 'claimed', claimerId: 'u2' }, 'claim', new Set(['claimant']), 'u1'),
    );
    expect(taken).toMatchObject({ code: 'CONFLICT', reason: 'wish.already-claimed' });
    const notPoster = catchError(() =>
      decideWishMove({ state: 'fulfilled', claimerId: 'u2' }, 'confirm', new Set(['claimer']), 'u2'),
    );
    expect(notPoster).toMatchObject({ code: 'FORBIDDEN', reason: 'wish.not-poster' });
  });

  test('an illegal topic move is refused with topic.illegal-move, naming the step and the target', () => {
    const refusal = catchError(() => decideTopicMove('archived', 'end', new Set(['leader']), 'ended'));
    expect(refusal).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'topic.illegal-move' });
    expect(refusal.message).toBe('该议题当前处于「已归档」，不能终止到「已终止」');
    expect(catchError(() => decideTopicMove('collect', 'advance', new Set(['system']), 'review'))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'topic.not-leader',
    });
  });
});

describe('applyMove', () => {
  let e: Emu;
  let db: SdkDb;
  beforeAll(async () => {
    e = await startEmu({ transactionTimeoutMs: 3000 });
    db = e.db;
    await db.createCollection('repairs');
  });
  afterAll(async () => {
    await e.close();
  });

  let n = 0;
  async function repairIn(status: string, extra: Record<string, unknown> = {}): Promise<string> {
    const id = `r${++n}`;
    await db.collection('repairs').add({ _id: id, status, rev: 1, note: null, ...extra });
    return id;
  }
  const stored = async (id: string): Promise<Record<string, unknown>> =>
    (await db.collection('repairs').doc(id).get()).data[0];

  test('a move from the state it was decided on lands, with its other fields, in one write', async () => {
    const id = await repairIn('open');
    const res = await applyMove(db, repair, 'fix', { id, to: 'fixed', update: { note: '换了水龙头' } });
    expect(res).toEqual({ applied: true });
    expect(await stored(id)).toMatchObject({ status: 'fixed', note: '换了水龙头' });
  });

  test('a move from a stale state conflicts and changes nothing', async () => {
    const id = await repairIn('dropped');
    const res = await applyMove(db, repair, 'fix', { id, to: 'fixed', update: { note: '不该写入' } });
    expect(res).toEqual({ applied: false });
    expect(await stored(id)).toMatchObject({ status: 'dropped', note: null });
  });

  test('a move whose extra condition (a revision) no longer holds conflicts and changes nothing', async () => {
    const id = await repairIn('open', { rev: 2 });
    const res = await applyMove(db, repair, 'fix', { id, to: 'fixed', where: { rev: 1 }, update: { rev: 2 } });
    expect(res).toEqual({ applied: false });
    expect(await stored(id)).toMatchObject({ status: 'open', rev: 2 });
  });

  test('a move left from any of its states lands from each; narrowed to one state, it conflicts from the other', async () => {
    const open = await repairIn('open');
    const fixed = await repairIn('fixed');
    expect(await applyMove(db, repair, 'drop', { id: open, to: 'dropped' })).toEqual({ applied: true });
    expect(await applyMove(db, repair, 'drop', { id: fixed, from: 'open', to: 'dropped' })).toEqual({ applied: false });
    expect(await stored(fixed)).toMatchObject({ status: 'fixed' });
    expect(await applyMove(db, repair, 'drop', { id: fixed, from: 'fixed', to: 'dropped' })).toEqual({ applied: true });
    expect(await stored(fixed)).toMatchObject({ status: 'dropped' });
  });

  test('of two racing moves from the same state (each decided on it) exactly one lands', async () => {
    const id = await repairIn('open');
    const results = await Promise.all([
      applyMove(db, repair, 'fix', { id, to: 'fixed', update: { note: 'a' } }),
      applyMove(db, repair, 'drop', { id, from: 'open', to: 'dropped', update: { note: 'b' } }),
    ]);
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    const after = await stored(id);
    expect(after).toMatchObject(
      results[0]!.applied ? { status: 'fixed', note: 'a' } : { status: 'dropped', note: 'b' },
    );
  });

  test('asking for a move the table does not have from or to those states is a programming error, and writes nothing', async () => {
    const id = await repairIn('open');
    await expect(applyMove(db, repair, 'fix', { id, to: 'confirmed' as 'fixed' })).rejects.toThrow(
      'does not lead from',
    );
    await expect(applyMove(db, repair, 'fix', { id, from: 'fixed', to: 'fixed' })).rejects.toThrow(
      'does not lead from fixed',
    );
    expect(await stored(id)).toMatchObject({ status: 'open' });
  });

  test('inside a transaction, a move from the state read lands with the other writes of the transaction', async () => {
    const id = await repairIn('fixed');
    const res = await runTransaction(db, async (tx) => {
      const moved = await applyMove(
        db,
        repair,
        'confirm',
        { id, to: 'confirmed', where: { rev: 1 }, update: { rev: 2 } },
        tx,
      );
      if (moved.applied) await tx.collection('repairs').doc(`${id}-receipt`).set({ status: 'open', rev: 0, note: id });
      return moved;
    });
    expect(res).toEqual({ applied: true });
    expect(await stored(id)).toMatchObject({ status: 'confirmed', rev: 2 });
    expect(await stored(`${id}-receipt`)).toMatchObject({ note: id });
  });

  test('inside a transaction, a move from a stale state conflicts, reports the document as stored, and writes nothing', async () => {
    const id = await repairIn('dropped');
    const res = await runTransaction(db, (tx) => applyMove(db, repair, 'confirm', { id, to: 'confirmed' }, tx));
    expect(res).toMatchObject({ applied: false, current: { _id: id, status: 'dropped' } });
    expect(await stored(id)).toMatchObject({ status: 'dropped' });
    const missing = await runTransaction(db, (tx) =>
      applyMove(db, repair, 'confirm', { id: 'nobody', to: 'confirmed' }, tx),
    );
    expect(missing).toEqual({ applied: false, current: null });
  });

  test('inside a transaction the move is atomic: when the transaction fails after it, the state is as before', async () => {
    const id = await repairIn('open');
    await expect(
      runTransaction(db, async (tx) => {
        const moved = await applyMove(db, repair, 'fix', { id, to: 'fixed', update: { note: '半途' } }, tx);
        expect(moved.applied).toBe(true);
        throw new Error('the credit failed');
      }),
    ).rejects.toThrow('the credit failed');
    expect(await stored(id)).toMatchObject({ status: 'open', note: null });
  });

  test('inside transactions, of two racing moves from the same state (each decided on it) exactly one lands', async () => {
    const id = await repairIn('open');
    const results = await Promise.all(
      (['fix', 'drop'] as const).map((move) =>
        runTransaction(db, (tx) =>
          applyMove(
            db,
            repair,
            move,
            { id, from: 'open', to: move === 'fix' ? 'fixed' : 'dropped', update: { note: move } },
            tx,
          ),
        ),
      ),
    );
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    const winner = results[0]!.applied ? 'fix' : 'drop';
    expect(await stored(id)).toMatchObject({ status: winner === 'fix' ? 'fixed' : 'dropped', note: winner });
  });

  /** A move out of `open` keyed by the receipt every move out of `open` adds (`<id>-left-open`). */
  const keyed = (id: string, move: 'fix' | 'drop') =>
    runTransaction(db, (tx) =>
      applyKeyedMove(
        tx,
        repair,
        move,
        { id, from: 'open', to: move === 'fix' ? 'fixed' : 'dropped', update: { note: move } },
        { collection: 'repairs', doc: { _id: `${id}-left-open`, status: 'open', rev: 0, note: move } },
      ),
    );
  const code = (error: unknown) => (error as { code?: unknown }).code;

  test('keyed moves out of the same state, racing or one after the other, land exactly once: the others collide on the key and write nothing', async () => {
    const id = await repairIn('open');
    const results = await Promise.allSettled([keyed(id, 'fix'), keyed(id, 'drop')]);
    const landed = results.findIndex((r) => r.status === 'fulfilled');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results[1 - landed] as PromiseRejectedResult;
    expect(code(lost.reason)).toBe('DATABASE_DUPLICATE_WRITE');
    const winner = landed === 0 ? 'fix' : 'drop';
    expect(await stored(id)).toMatchObject({ status: winner === 'fix' ? 'fixed' : 'dropped', note: winner });
    expect(await stored(`${id}-left-open`)).toMatchObject({ note: winner });

    // Later, from a stale read of `open`: the key is there, so nothing is written.
    await expect(keyed(id, winner === 'fix' ? 'drop' : 'fix')).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    });
    expect(await stored(id)).toMatchObject({ note: winner });
  });

  test('a keyed move the table does not have from the state read is a programming error, and writes neither the key nor the move', async () => {
    const id = await repairIn('open');
    await expect(
      runTransaction(db, (tx) =>
        applyKeyedMove(
          tx,
          repair,
          'confirm',
          { id, from: 'open', to: 'confirmed' },
          {
            collection: 'repairs',
            doc: { _id: `${id}-left-open`, status: 'open', rev: 0, note: null },
          },
        ),
      ),
    ).rejects.toThrow('does not lead from open to confirmed');
    expect(await stored(id)).toMatchObject({ status: 'open' });
    expect((await db.collection('repairs').doc(`${id}-left-open`).get()).data).toEqual([]);
  });
});

test("every state of every lifecycle is reached from its creation (but the unit registration's unused withdrawn)", () => {
  const unreached = machines.flatMap((machine) => {
    const reached = new Set<string | null>([null]);
    for (let grew = true; grew;) {
      grew = false;
      for (const row of machine.rows) {
        if (reached.has(row.from) && !reached.has(row.to)) {
          reached.add(row.to);
          grew = true;
        }
      }
    }
    return machine.states.filter((state) => !reached.has(state)).map((state) => `${machine.name}.${state}`);
  });
  expect(unreached).toEqual(['unitRegistration.withdrawn']);
});

test('docs/state-machines.md is drawn from the tables (regenerate with `npx tsx scripts/state-diagrams.ts --write`)', () => {
  const committed = readFileSync(join(__dirname, '..', 'docs', 'state-machines.md'), 'utf8');
  expect(committed).toBe(renderStateDiagrams());
});

function catchError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
