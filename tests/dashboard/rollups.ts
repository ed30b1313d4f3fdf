/**
 * The dashboard reads roll-ups (docs/adr/0042-roll-ups.md): documents written straight into the
 * database are counted once the fold job has run (documents dated before its cursor: once the
 * community is rebuilt).
 */
import { EJSON } from 'bson';
import { DURATION_GROWTH } from '../../cloudfunctions/dashboard/src/rollup-model';
import { localNow, moveLocalClock } from '../../emulator/host/clock';
import { SETTLE_MS } from '../../cloudfunctions/dashboard/src/rollup-fold';
import type { Fixture } from '../support/fixtures';
import { localCtx } from '../support/local-ctx';
import { rebuildRollups, type RebuildLimits } from '../../cloudfunctions/dashboard/src/rebuild-rollups';

type Reply = { ok: boolean; data?: Array<{ source: string; folded: number; done: boolean }>; error?: unknown };

/**
 * Runs the `rollups` timer until every source is folded up to now: the local clock first moves
 * past the job's settling time (SETTLE_MS), so that what was just written is in its window.
 */
export async function foldAll(f: Fixture): Promise<number> {
  moveLocalClock(SETTLE_MS + 1_000);
  let folded = 0;
  for (let run = 0; run < 50; run++) {
    const reply = (await f.server.functions.fireTimer('dashboard', 'rollups', localNow())) as Reply;
    if (!reply.ok) throw new Error(`rollups timer failed: ${JSON.stringify(reply.error)}`);
    folded += (reply.data ?? []).reduce((s, r) => s + r.folded, 0);
    if ((reply.data ?? []).every((r) => r.done)) return folded;
  }
  throw new Error('the rollups timer did not catch up in 50 runs');
}

/**
 * Recounts a community's roll-ups as its admin, calling `rebuildRollups` page by page until its
 * `next` is null; returns the pages' reports added up (and the cursors it was given). With
 * `limits`, the verb is called directly (not through the function) with those page sizes.
 */
export async function rebuild(f: Fixture, admin: string, communityId: string, limits?: RebuildLimits) {
  const total = { checked: 0, differences: 0, repaired: [] as unknown[], calls: 0, cursors: [] as string[] };
  let after: string | undefined;
  for (let call = 0; call < 10_000; call++) {
    const input = after === undefined ? { communityId } : { communityId, after };
    const reply = limits
      ? {
          ok: true,
          data: await rebuildRollups({ ctx: localCtx({ openid: admin, now: localNow }), input, limits }),
          error: null,
        }
      : await f.call(admin, 'dashboard', 'rebuildRollups', input);
    if (!reply.ok) throw new Error(`rebuildRollups failed: ${JSON.stringify(reply.error)}`);
    const page = reply.data as { checked: number; differences: number; repaired: unknown[]; next: string | null };
    if (page.next !== null) total.cursors.push(page.next);
    total.checked += page.checked;
    total.differences += page.differences;
    total.repaired.push(...page.repaired);
    total.calls += 1;
    if (page.next === null) return total;
    after = page.next;
  }
  throw new Error('rebuildRollups did not finish in 10,000 calls');
}

/** A 代办 act's audit entry as `_shared/proxy.ts` writes it (action `proxy.<act>`, the resident's grid). */
export function proxyAuditEntry(by: { communityId: string; actorId: string; actorName: string; residentId: string }) {
  return (id: string, action: string, gridId: string | null, at: Date) => ({
    _id: `audit-${action}:${id}`,
    communityId: by.communityId,
    actorId: by.actorId,
    actorName: by.actorName,
    action,
    targetKind: 'wish',
    targetId: id,
    summary: '代办',
    before: null,
    after: null,
    at,
    gridId,
    residentId: by.residentId,
  });
}

/** Removes one stored document straight from the database (bypassing functions and the note). */
export function removeDoc(f: Fixture, collection: string, id: string): void {
  const reply = f.server.db.handle({
    action: 'database.removeDocument',
    collectionName: collection,
    queryType: 'WHERE',
    query: EJSON.stringify({ _id: id }, { relaxed: false }),
    multi: false,
  }) as { code?: string; message?: string };
  if (reply.code) throw new Error(`${reply.code}: ${reply.message}`);
}

/**
 * A median read from the duration histograms: within their documented bound of the exact median
 * (ADR 0042 "Medians": 15 minutes below an hour, √1.2 − 1 ≈ 9.5 % above; plus the rounding to
 * hundredths of an hour).
 */
export function expectMedianNear(actual: number | null, exactHours: number): void {
  if (actual === null) throw new Error(`median: null, expected about ${exactHours} h`);
  const bound = Math.max(0.25, exactHours * (Math.sqrt(DURATION_GROWTH) - 1)) + 0.005;
  if (Math.abs(actual - exactHours) > bound) {
    throw new Error(`median ${actual} h is not within ${bound.toFixed(3)} h of ${exactHours} h`);
  }
}
