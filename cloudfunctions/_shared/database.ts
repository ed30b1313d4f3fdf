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
