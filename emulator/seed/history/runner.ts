/**
 * What every module's history is written with: the real cloud-function actions, called as a
 * persona through the local function host (the same `main` and SCF context a client call gets),
 * on the local server's movable clock (emulator/host/clock.ts) set to the moment each act
 * happens. Nothing is inserted behind the actions' backs, so every invariant they keep holds.
 */
import * as tcb from '@cloudbase/node-sdk';
import type { FunctionHost } from '../../host/function-host';
import { localNow, setLocalTime } from '../../host/clock';
import { addDays, cstParts, fromCst, isoCst } from '../../../types/time';

const DAY_MS = 24 * 3600_000;

/** A failed seed call: which action, as whom, at what time, and the refusal. */
export class SeedCallError extends Error {}

/** A small deterministic generator (a 32-bit LCG, Numerical Recipes' constants): the same picks on every seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
}

export interface HistoryOptions {
  host: FunctionHost;
  /** The environment whose storage the history's photos are uploaded to. */
  envId: string;
  /** The real present: the history ends here, upcoming things lie after it. */
  today: Date;
}

export class History {
  readonly host: FunctionHost;
  readonly envId: string;
  /** The present the history leads up to (the machine clock when seeding started). */
  readonly today: Date;
  /** Calls made, for the report. */
  calls = 0;

  constructor(options: HistoryOptions) {
    this.host = options.host;
    this.envId = options.envId;
    this.today = options.today;
  }

  /**
   * The instant `days` days from today's China date at `hour:minute` China time (negative:
   * in the past). Whole days keep every act at a plausible time of day.
   */
  day(days: number, hour = 9, minute = 0): Date {
    const p = cstParts(addDays(this.today, days));
    return fromCst(p.year, p.month, p.day, hour, minute);
  }

  /** The China calendar day (YYYY-MM-DD) `days` from today. */
  dayText(days: number): string {
    const p = cstParts(addDays(this.today, days));
    return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  }

  /** An ISO time with the China offset, as the actions take it. */
  iso(at: Date): string {
    return isoCst(at);
  }

  /**
   * Moves the server's clock to `at`: every following call happens then. Never past the
   * present: what is upcoming is planned in the past, not done in the future.
   */
  at(at: Date): this {
    if (at.getTime() > this.today.getTime()) {
      throw new SeedCallError(`seed: an act at ${at.toISOString()} would lie in the future`);
    }
    setLocalTime(at);
    return this;
  }

  /** Moves the clock to `days` from today at `hour:minute` China time. */
  on(days: number, hour = 9, minute = 0): this {
    return this.at(this.day(days, hour, minute));
  }

  /** Moves the clock forward by `minutes`. */
  later(minutes: number, from: Date): this {
    return this.at(new Date(from.getTime() + minutes * 60_000));
  }

  /** Calls `area.action` as `openid`; returns the action's data, or throws with the refusal. */
  async call<T = unknown>(openid: string | null, area: string, action: string, data: unknown = {}): Promise<T> {
    this.calls++;
    const reply = (await this.host.invoke(area, { action, data }, { openid: openid ?? undefined })) as {
      ok: boolean;
      data?: unknown;
      error?: unknown;
    };
    if (!reply.ok) {
      throw new SeedCallError(
        `seed: ${area}.${action} as ${openid ?? 'anonymous'} refused: ${JSON.stringify(reply.error)} (input ${JSON.stringify(data)})`,
      );
    }
    return reply.data as T;
  }

  /**
   * Uploads an image as the app does (wx.cloud.uploadFile: the SDK's uploadFile, i.e.
   * getUploadMetadata and a PUT to the local storage) under `wishes/<China day of the clock>/`,
   * where the app puts every photo; returns its `cloud://` file id.
   */
  async upload(name: string, bytes: Buffer): Promise<string> {
    this.calls++;
    const p = cstParts(localNow());
    const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    const res = await tcb
      .init({ env: this.envId })
      .uploadFile({ cloudPath: `wishes/${date}/${name}`, fileContent: bytes });
    if (!res.fileID) throw new SeedCallError(`seed: upload of ${name} failed: ${JSON.stringify(res)}`);
    return res.fileID;
  }

  /** Fires a scheduled job at the clock's current time, as the platform's timer would. */
  async timer(fn: string, trigger: string): Promise<unknown> {
    this.calls++;
    const reply = (await this.host.fireTimer(fn, trigger)) as { ok: boolean; data?: unknown; error?: unknown };
    if (!reply.ok) throw new SeedCallError(`seed: timer ${fn}/${trigger} failed: ${JSON.stringify(reply.error)}`);
    return reply.data;
  }
}

export const DAY = DAY_MS;
