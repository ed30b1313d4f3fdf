/**
 * Deterministic crash points, for tests of "the process dies between two writes".
 *
 * A write path calls `crashPoint('signup.after-claim')` between two of its writes. In
 * production (and in every test that does not ask for it) this does nothing. A test sets
 * `HONGSE_CRASH_AT` to a comma-separated list of point names; the call then throws
 * `SimulatedCrash`, so the verb stops right there — the writes before it stay, the ones after it
 * never happen, and the caller gets no OK (the wrapper answers INTERNAL, as a client whose
 * function died would see a failure). The next request must then finish or undo what was left.
 */
export class SimulatedCrash extends Error {
  constructor(readonly point: string) {
    super(`simulated crash at ${point}`);
    this.name = 'SimulatedCrash';
  }
}

export function crashPoint(name: string): void {
  const at = process.env.HONGSE_CRASH_AT;
  if (at && at.split(',').includes(name)) throw new SimulatedCrash(name);
}
