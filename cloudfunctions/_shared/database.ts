/**
 * The one CloudBase app per function instance. The same code runs on CloudBase and under
 * the local function host: `SYMBOL_CURRENT_ENV` selects the function's own environment, and
 * the host redirects the SDK to the local emulator through the SDK's own `TCB_CONTEXT_CNFG`
 * variable — this file does not know which world it is in.
 */
import * as tcb from '@cloudbase/node-sdk';

type App = ReturnType<typeof tcb.init>;
export type Database = ReturnType<App['database']>;

let app: App | undefined;

export function cloudbase(): App {
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return app;
}

export function database(): Database {
  return cloudbase().database();
}

export { tcb };

/** What a transaction offers: `collection(name).doc(id).get/set/update/remove` and `add`. */
export interface Transaction {
  collection(name: string): ReturnType<Database['collection']>;
}

/**
 * Runs `fn` in a database transaction (retried by the SDK on DATABASE_TRANSACTION_CONFLICT, so
 * `fn` may run more than once and must not have side effects outside the transaction).
 */
export async function runTransaction<T>(db: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  // The SDK retries a conflicting transaction 3 times back to back; under a burst on one
  // document (one member's balance) that is not enough, so conflicts are retried here again
  // with a short random pause that lets the contenders spread out.
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction(fn)) as T;
    } catch (error) {
      const conflict = (error as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT';
      if (!conflict || attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
