/**
 * The local function host: runs the deployable bundles (`cloudfunctions/<name>/index.js`, the
 * very files that are uploaded to CloudBase) and hands each call the caller's identity the way
 * CloudBase does — inside the SCF `context` (`environment.WX_OPENID`), never in the event.
 *
 * Invariants: only functions that exist as built bundles can be called (no path from the
 * request reaches `require`); each call gets a fresh request id; a call that outlives the
 * function's timeout (config.json `timeout`, seconds) is answered with a timeout error.
 * Only `fireTimer` (the scheduler, or the admin-token route) builds the timer trigger's context
 * (`TCB_SOURCE: wx_trigger`, no caller); `invoke` — every client call — never does, whatever
 * the event says, so a client cannot pose as the scheduler (docs/adr/0011).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { localNow } from './clock';
import { parseSchedule, type Schedule } from './cron';
import { metered } from './request-meter';

export interface Identity {
  /** WeChat OPENID of the caller; absent for anonymous calls. */
  openid?: string | undefined;
}

type Main = (event: unknown, context: Record<string, unknown>) => Promise<unknown>;

interface TimerTrigger {
  name: string;
  schedule: Schedule;
}

interface LoadedFunction {
  main: Main;
  timeoutMs: number;
  timers: TimerTrigger[];
}

/** The parts of a function's config.json the host reads (CloudBase's format). */
interface FunctionConfig {
  timeout?: unknown;
  triggers?: Array<{ name?: unknown; type?: unknown; config?: unknown }>;
}

export interface FunctionHostOptions {
  functionsDir: string;
  envId: string;
  appid: string;
}

export class FunctionTimeoutError extends Error {}

export class FunctionHost {
  private readonly loaded = new Map<string, LoadedFunction>();
  private readonly requireFrom: NodeJS.Require;
  readonly calls = new Map<string, number>();

  constructor(private readonly options: FunctionHostOptions) {
    this.requireFrom = createRequire(join(options.functionsDir, 'host.js'));
  }

  private cachedNames: string[] | undefined;

  /** Names of the functions that have a built bundle (read once: bundles are built before start). */
  names(): string[] {
    if (this.cachedNames) return this.cachedNames;
    const dir = this.options.functionsDir;
    this.cachedNames = readdirSync(dir)
      .filter((name) => !name.startsWith('_') && statSync(join(dir, name)).isDirectory())
      .filter((name) => existsSync(join(dir, name, 'index.js')))
      .sort();
    return this.cachedNames;
  }

  has(name: string): boolean {
    return this.names().includes(name);
  }

  private load(name: string): LoadedFunction {
    const cached = this.loaded.get(name);
    if (cached) return cached;
    if (!this.has(name)) throw new Error(`no such function: ${name}`);
    const dir = join(this.options.functionsDir, name);
    const mod = this.requireFrom(join(dir, 'index.js')) as { main?: Main };
    if (typeof mod.main !== 'function') throw new Error(`function ${name} exports no main`);
    let timeoutSeconds = 20;
    const timers: TimerTrigger[] = [];
    const configPath = join(dir, 'config.json');
    if (existsSync(configPath)) {
      const config = JSON.parse(readFileSync(configPath, 'utf8')) as FunctionConfig;
      if (typeof config.timeout === 'number' && config.timeout > 0) timeoutSeconds = config.timeout;
      for (const trigger of config.triggers ?? []) {
        if (trigger.type === 'timer' && typeof trigger.name === 'string' && typeof trigger.config === 'string') {
          timers.push({ name: trigger.name, schedule: parseSchedule(trigger.config) });
        }
      }
    }
    const fn = { main: mod.main, timeoutMs: timeoutSeconds * 1000, timers };
    this.loaded.set(name, fn);
    return fn;
  }

  /** The SCF context CloudBase passes to `main(event, context)` for a client call. */
  contextFor(name: string, identity: Identity): Record<string, unknown> {
    return this.buildContext(name, { openid: identity.openid }, 'client');
  }

  /** The SCF context of a client call (a mini-program user, or anonymous) or of the timer. */
  private buildContext(name: string, identity: Identity, source: 'client' | 'timer'): Record<string, unknown> {
    const environment: Record<string, string> = {
      TCB_ENV: this.options.envId,
      SCF_NAMESPACE: this.options.envId,
      TCB_SOURCE: source === 'timer' ? 'wx_trigger' : identity.openid ? 'wx_client' : 'local_http',
    };
    if (source === 'timer') environment.TRIGGER_SRC = 'timer';
    else if (identity.openid) {
      environment.WX_OPENID = identity.openid;
      environment.WX_APPID = this.options.appid;
      environment.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
    }
    return {
      request_id: randomUUID(),
      function_name: name,
      function_version: '$LATEST',
      namespace: this.options.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: this.load(name).timeoutMs,
      environment: JSON.stringify(environment),
    };
  }

  /** The timer triggers of every function, as config.json declares them. */
  timers(): Array<{ functionName: string; triggerName: string }> {
    return this.names().flatMap((functionName) =>
      this.load(functionName).timers.map((t) => ({ functionName, triggerName: t.name })),
    );
  }

  /**
   * Invokes a function the way CloudBase does for a timer trigger: no caller, a Timer event
   * (its `Time` is the local server's clock unless given; the job reads ctx.now()).
   */
  async fireTimer(functionName: string, triggerName: string, now: Date = localNow()): Promise<unknown> {
    if (!this.load(functionName).timers.some((t) => t.name === triggerName)) {
      throw new Error(`no timer ${triggerName} on ${functionName}`);
    }
    return this.run(
      functionName,
      { Type: 'Timer', TriggerName: triggerName, Time: now.toISOString(), Message: '' },
      this.buildContext(functionName, {}, 'timer'),
    );
  }

  /** Runs every timer trigger on its schedule until `stop()` is called. */
  startTimers(log: (line: string) => void = console.log): { stop(): void } {
    const handles = new Set<NodeJS.Timeout>();
    let stopped = false;
    const arm = (functionName: string, trigger: TimerTrigger) => {
      const next = trigger.schedule.next(new Date());
      if (!next || stopped) return;
      // setTimeout holds at most ~24.8 days; longer waits re-arm on the way.
      const wait = Math.min(next.getTime() - Date.now(), 2 ** 31 - 1);
      const handle = setTimeout(() => {
        handles.delete(handle);
        if (Date.now() + 1000 < next.getTime()) return arm(functionName, trigger);
        void this.fireTimer(functionName, trigger.name, next)
          .then((reply) => log(`[timer] ${functionName}/${trigger.name} → ${JSON.stringify(reply).slice(0, 200)}`))
          .catch((error: unknown) => log(`[timer] ${functionName}/${trigger.name} failed: ${String(error)}`))
          .finally(() => arm(functionName, trigger));
      }, wait);
      handle.unref();
      handles.add(handle);
    };
    for (const functionName of this.names())
      for (const trigger of this.load(functionName).timers) arm(functionName, trigger);
    return {
      stop() {
        stopped = true;
        for (const handle of handles) clearTimeout(handle);
      },
    };
  }

  /** A client call: the caller's identity (if any) in the context, never the timer's source. */
  async invoke(name: string, event: unknown, identity: Identity): Promise<unknown> {
    return this.run(name, event, this.contextFor(name, identity));
  }

  private async run(name: string, event: unknown, context: Record<string, unknown>): Promise<unknown> {
    const fn = this.load(name);
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionTimeoutError(`${name} timed out`)), fn.timeoutMs);
    });
    try {
      return await metered(name, event, () => Promise.race([fn.main(event, context), timeout]));
    } finally {
      clearTimeout(timer);
    }
  }
}
