/**
 * Hooks for tests that simulate a crash (`HONGSE_CRASH_AT`, cloudfunctions/_shared/crash-points.ts):
 * after each test the crash point is cleared and mocks restored; with `quiet`, the unexpected-error
 * log a simulated crash produces is silenced. `crashing` runs one call with a crash point set and
 * returns its reply; `crashAt` runs one that must crash there. `crashFixture` is the file fixture
 * of a crash-test file, with the quiet hooks.
 */
import { fileFixture, type Fixture } from './fixtures';
import { expectError } from './refusals';

/** Runs `call` with the crash point `point` set and returns its reply; the point is cleared after. */
export async function crashing<T>(point: string, call: () => Promise<T>): Promise<T> {
  process.env.HONGSE_CRASH_AT = point;
  try {
    return await call();
  } finally {
    delete process.env.HONGSE_CRASH_AT;
  }
}

/** Runs `call` with the crash point `point` set: it must fail as the crash (INTERNAL); the point is cleared after. */
export async function crashAt(point: string, call: () => Promise<unknown>): Promise<void> {
  expectError(await crashing(point, call), 'INTERNAL', 'internal.unexpected');
}

/** The file fixture (`fileFixture(...seeds)`) of a test file that crashes calls, with quiet crash hooks. */
export function crashFixture(...seeds: Array<(f: Fixture) => void>): Fixture {
  resetCrashPointsAfterEach({ quiet: true });
  return fileFixture(...seeds);
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
