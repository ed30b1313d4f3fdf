/**
 * system.ping — answers without login; measures one database round trip so a broken
 * database shows up here first. Writes nothing.
 */
import type { PingResult } from '../../../types/system';
import type { Ctx } from '../../_shared/context';
import { Collections } from '../../_shared/collections';

export async function ping({ ctx }: { ctx: Ctx }): Promise<PingResult> {
  // A duration, not a time of day: the monotonic clock, not ctx.now().
  const started = performance.now();
  await ctx.db.collection(Collections.users).limit(1).field({ _id: true }).get();
  return {
    pong: true,
    serverTime: ctx.now().toISOString(),
    runtime: ctx.runtime,
    databaseMs: Math.round(performance.now() - started),
  };
}
