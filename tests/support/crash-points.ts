/**
 * Hooks for tests that simulate a crash (`HONGSE_CRASH_AT`, cloudfunctions/_shared/crash-points.ts):
 * after each test the crash point is cleared and mocks restored; with `quiet`, the unexpected-error
 * log a simulated crash produces is silenced. `crashAt` runs one call that crashes at a point.
 */
import { expectError } from './refusals';

/** Runs `call` with the crash point `point` set: it must fail as the crash (INTERNAL); the point is cleared after. */
export async function crashAt(point: string, call: () => Promise<unknown>): Promise<void> {
  process.env.HONGSE_CRASH_AT = point;
  try {
    expectError(await call(), 'INTERNAL', 'internal.unexpected');
  } finally {
    delete process.env.HONGSE_CRASH_AT;
  }
}

export function resetCrashPointsAfterEach({ quiet = false }: { quiet?: boolean } = {}): void {
  if (quiet) {
    beforeEach(() => {
      // A simulated crash is logged by the function wrapper as an unexpected error.
      jest.spyOn(console, 'error').mockImplementation(() => undefined);
    });
  }
  afterEach(() => {
    delete process.env.HONGSE_CRASH_AT;
    jest.restoreAllMocks();
  });
}
