/**
 * Hooks for tests that simulate a crash (`HONGSE_CRASH_AT`, cloudfunctions/_shared/crash-points.ts):
 * after each test the crash point is cleared and mocks restored; with `quiet`, the unexpected-error
 * log a simulated crash produces is silenced.
 */
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
