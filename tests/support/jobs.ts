/** Bounded scheduled jobs in tests (docs/adr/0041-bounded-jobs). */

/** Runs `run` until it reports no more work (at most `max` times); the reports of each run. */
export async function untilDone<T extends { more: boolean }>(run: () => Promise<T>, max = 40): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < max; i++) {
    const r = await run();
    out.push(r);
    if (!r.more) return out;
  }
  throw new Error('the job did not finish');
}
