/**
 * Schemas shared by several areas: ids, people's names and phones, pagination, dates.
 * Messages are Simplified Chinese because they reach the user as validation errors.
 */
import { z } from 'zod';
import { parseCstDay, parseInstant, parseQuarter } from './time';

export const Id = z.string().trim().min(1, '缺少编号').max(64, '编号过长');
export type Id = z.infer<typeof Id>;
/**
 * A deterministic key composed of ids (a message's `topic:<id>:opened:<user id>`, a ledger
 * entry's `deliberation:<topic>:vote:<user id>`): longer than one id may be.
 */
export const Key = z.string().trim().min(1, '缺少编号').max(200, '编号过长');
export type Key = z.infer<typeof Key>;

/**
 * An audit entry's id: a 代办 entry's is `audit-<action>:<target>[:<key>]`, longer than other ids
 * (a proxy ballot's names the topic, the household and the instant of the cast).
 */
export const AuditId = z.string().trim().min(1, '缺少编号').max(200, '编号过长');

export const PersonName = z.string().trim().min(1, '请填写姓名').max(20, '姓名不超过20个字');
export type PersonName = z.infer<typeof PersonName>;

/** A mainland mobile number, 11 digits starting with 1. */
export const Phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, '请输入11位手机号');
export type Phone = z.infer<typeof Phone>;

/** A short free-text reason (rejections, revocations, corrections). */
export const Reason = z.string().trim().min(2, '请填写原因（至少2个字）').max(200, '原因不超过200个字');
export type Reason = z.infer<typeof Reason>;

/** A page's cursor: opaque, from the previous page's `nextCursor` (keyset paging, docs/adr/0030). */
export const Cursor = z.string().min(1).max(512).describe("the previous page's nextCursor; absent on the first page");
export type Cursor = z.infer<typeof Cursor>;

/** Cursor pagination: `cursor` continues after the previous page's last row (absent on the first page). */
export const PageInput = z.object({
  cursor: Cursor.optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type PageInput = z.infer<typeof PageInput>;

export function Paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** The cursor of the next page, or null on the last page. */
    nextCursor: z.string().nullable().describe('cursor of the next page; null on the last page'),
  });
}

/** A photo (of a wish, an opinion, a progress report…): the stored file id and a URL the app can display now. */
export const Photo = z.object({ fileId: z.string(), url: z.string() });
export type Photo = z.infer<typeof Photo>;

/** Times travel as ISO-8601 strings; the UI shows them in Asia/Shanghai. (Results only: inputs use DateInput.) */
export const IsoTime = z.string().describe('ISO-8601 time');

const DATE_FORMS = {
  instant: {
    parse: parseInstant,
    invalid: '不是有效的日期时间',
    describe: 'ISO-8601 time with seconds and offset, e.g. 2026-11-29T14:00:00+08:00; years 2000–2100',
  },
  day: {
    parse: parseCstDay,
    invalid: '不是有效的日期',
    describe: 'Asia/Shanghai calendar day YYYY-MM-DD, e.g. 2026-11-29; years 2000–2100',
  },
  quarter: {
    parse: parseQuarter,
    invalid: '不是有效的季度',
    describe: 'quarter YYYYQn, e.g. 2026Q4; years 2000–2100',
  },
} as const;

/**
 * The one schema for every date, day or quarter an action takes (types/time.ts parses it
 * strictly): an impossible calendar date, a year outside 2000–2100 or another shape is a
 * VALIDATION error naming the field, e.g. `DateInput('开始时间')` → 「开始时间不是有效的日期时间」.
 * The value stays the text that was sent.
 */
export function DateInput(what: string, form: keyof typeof DATE_FORMS = 'instant') {
  const { parse, invalid, describe } = DATE_FORMS[form];
  return z
    .string({ error: (issue) => (issue.input === undefined ? `请填写${what}` : `${what}${invalid}`) })
    .refine((text) => parse(text) !== null, { message: `${what}${invalid}` })
    .describe(describe);
}

/** The refusal every cursor-paged action may give: a cursor it did not hand out (docs/adr/0030). */
export const pageRefusals = { 'page.bad-cursor': 'VALIDATION' } as const;
