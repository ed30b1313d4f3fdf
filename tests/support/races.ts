/**
 * Races made deterministic: a change a concurrent request would make, applied by hand to the
 * store at the moment a call's transaction starts (after the call's own reads), so the call meets
 * data its read did not see.
 */
import type { Fixture } from './fixtures';

/** Runs `fn` with `sideEffect` applied (by hand, to the store) when the next transaction starts. */
export async function whenTransactionStarts<T>(f: Fixture, sideEffect: () => void, fn: () => Promise<T>): Promise<T> {
  const db = f.server.db;
  const handle = db.handle.bind(db);
  let done = false;
  db.handle = (body) => {
    if (!done && body.action === 'database.startTransaction') {
      done = true;
      sideEffect();
    }
    return handle(body);
  };
  try {
    return await fn();
  } finally {
    db.handle = handle;
  }
}
