/**
 * Error type of the database emulator.
 * Invariant: every failure that must reach the SDK is a DbError carrying a CloudBase error
 * code; anything else thrown inside the engine is reported as DATABASE_REQUEST_FAILED
 * by the dispatcher, without its stack.
 */

export type DbErrorCode =
  | 'INVALID_PARAM'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_ACTION_NOT_SUPPORTED';

export class DbError extends Error {
  readonly code: DbErrorCode;
  constructor(code: DbErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'DbError';
  }
}

export function invalidParam(message: string): DbError {
  return new DbError('INVALID_PARAM', message);
}

/** True when `e` is a better-sqlite3 uniqueness / primary-key constraint failure. */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
