/**
 * Turns a zod failure into the one VALIDATION error, with a Chinese message per field.
 * Schemas may carry their own Chinese messages (`z.string().min(1, '请填写姓名')`); issues
 * without one get a generic message by kind.
 */
import type { z } from 'zod';
import { AppError } from '../../types/errors';

function messageFor(issue: z.core.$ZodIssue): string {
  if (issue.message && /[\u4e00-\u9fa5]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '此项为必填项' : '格式不正确';
    case 'too_small':
      return '内容过短或数值过小';
    case 'too_big':
      return '内容过长或数值过大';
    case 'unrecognized_keys':
      return `包含不支持的字段：${issue.keys.join('、')}`;
    case 'invalid_value':
      return '不是允许的取值';
    default:
      return '格式不正确';
  }
}

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    fields[key] ??= messageFor(issue);
  }
  const first = Object.values(fields)[0] ?? '填写的内容有误';
  throw new AppError('VALIDATION', 'input.invalid', `填写的内容有误：${first}`, fields);
}
