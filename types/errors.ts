/**
 * The one error model shared by the client and every cloud function. Plain TypeScript (no
 * zod), so the mini-program can import it without carrying a schema library.
 * Invariants: `code` is one of a closed set; `reason` is a dotted, stable identifier
 * (`wish.already-claimed`); `message` is Simplified Chinese text the UI may show as is.
 */

export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'LIMIT_EXCEEDED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A message for each code, used when a verb does not give a more specific one. */
export const defaultMessages: Record<ErrorCode, string> = {
  VALIDATION: '填写的内容有误，请检查后重试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '内容不存在或已被删除',
  CONFLICT: '操作冲突，请刷新后重试',
  PRECONDITION_FAILED: '当前状态下无法进行此操作',
  LIMIT_EXCEEDED: '操作过于频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
};

export interface AppErrorBody {
  code: ErrorCode;
  /** Dotted and stable, e.g. `wish.already-claimed`; code may branch on it, users never see it. */
  reason: string;
  /** Simplified Chinese, shown to the user as is. */
  message: string;
  /** For VALIDATION: which input fields failed, with a Chinese message each. */
  fields?: Record<string, string>;
}

/** What every action returns. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Thrown by server verbs and by the client's call layer; carries an AppErrorBody. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason: string;
  readonly fields: Record<string, string> | undefined;

  constructor(code: ErrorCode, reason: string, message?: string, fields?: Record<string, string>) {
    super(message ?? defaultMessages[code]);
    this.name = 'AppError';
    this.code = code;
    this.reason = reason;
    this.fields = fields;
  }

  toBody(): AppErrorBody {
    return {
      code: this.code,
      reason: this.reason,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
    };
  }

  /** Rebuilds an error from a reply; anything malformed becomes INTERNAL. */
  static fromBody(body: unknown): AppError {
    const b = (body ?? {}) as Partial<AppErrorBody>;
    if (!isErrorCode(b.code) || typeof b.reason !== 'string') {
      return new AppError('INTERNAL', 'response.malformed');
    }
    return new AppError(b.code, b.reason, typeof b.message === 'string' ? b.message : undefined, b.fields);
  }
}
