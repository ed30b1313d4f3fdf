/**
 * WeChat subscription messages (订阅消息), configured rather than hard-coded: the kinds the
 * functions really send, the values each kind provides, and the pure helpers both sides share —
 * the client asks consent with `consentTemplateIds`, the functions build the
 * `subscribeMessage.send` payload with `subscriptionRequest`, the emulator validates with
 * `isValidFieldValue`. The configuration itself is `deploy/subscriptions.json` (one entry per
 * kind: template id, title, page, field mapping), imported at build/bundle time; see
 * docs/adr/0019-subscription-templates.md.
 *
 * Invariants: this module is imported by the mini-program, so it stays zod-free and free of
 * Node APIs (the strict check of a configuration is `scripts/lib/subscription-config.ts`);
 * `formatFieldValue` only ever returns a value `isValidFieldValue` accepts for the same type
 * (or null when none can be made); regular expressions avoid the `u` flag (ES2015 output).
 */
import { cstParts } from './time';

/** The kinds of subscription message the functions send, each with its own template. */
export const subscriptionKinds = [
  'wishProgress',
  'claimProgress',
  'waitlistPromoted',
  'activityCancelled',
  'voteOpen',
  'topicProgress',
  'wishReview',
  'applicationResult',
] as const;
export type SubscriptionKind = (typeof subscriptionKinds)[number];

/**
 * The values each kind provides: what a template field's `from` (and a `{…}` in its page) may
 * name. Times are `Date`s, formatted by the field's type.
 */
export const kindValues = {
  /** To the poster of a wish: published, rejected, claimed, released, fulfilled, expired. */
  wishProgress: ['wishId', 'wishTitle', 'status', 'notice', 'time'],
  /** To the claimer of a wish, about their claim: confirmed, revoked, released by the timer. */
  claimProgress: ['wishId', 'wishTitle', 'status', 'notice', 'time'],
  /** To a volunteer moved from the waitlist (候补) to a place. */
  waitlistPromoted: ['activityId', 'activityTitle', 'startAt', 'place', 'status', 'notice'],
  /** To everyone signed up (holding a place or waiting) when an activity is cancelled. */
  activityCancelled: ['activityId', 'activityTitle', 'startAt', 'place', 'reason'],
  /** To every resident of a topic's eligible households when its vote opens (queued, sent by the messages timer). */
  voteOpen: ['topicId', 'topicTitle', 'closesAt', 'notice'],
  /** To a topic's residents or participants: a topic opened in their building, its execution progress (queued). */
  topicProgress: ['topicId', 'topicTitle', 'status', 'notice', 'time'],
  /** To a wish's reviewers (the community's admins, the leaders of its building and estate) when it waits for review (queued). */
  wishReview: ['wishId', 'wishTitle', 'notice', 'time'],
  /** To the applicant when their binding request, 报到 or work unit's 报到 is decided (queued; opens 消息中心). */
  applicationResult: ['subject', 'status', 'notice', 'time'],
} as const satisfies Record<SubscriptionKind, readonly string[]>;

export type SubscriptionValue = string | number | Date;
export type KindValues<K extends SubscriptionKind> = Record<(typeof kindValues)[K][number], SubscriptionValue>;

/** A subscription message to send: the kind, the person's openid and the kind's values. */
export type SubscriptionMessage = {
  [K in SubscriptionKind]: { kind: K; openid: string; values: KindValues<K> };
}[SubscriptionKind];

/**
 * The kinds sent from the send queue (ADR 0038): a fan-out to many people, or a message owed on
 * its act's document and delivered by whoever reads it (a decision on an application). The
 * person's one-time consents are counted when given (`messages.recordConsent`) and one is used
 * per message, so only people who consented are sent to. The other kinds are sent at once with
 * their act, and WeChat alone keeps their consent.
 */
export const queuedKinds = [
  'voteOpen',
  'topicProgress',
  'wishReview',
  'applicationResult',
] as const satisfies readonly SubscriptionKind[];
export type QueuedKind = (typeof queuedKinds)[number];

export function isQueuedKind(kind: string): kind is QueuedKind {
  return (queuedKinds as readonly string[]).includes(kind);
}

/** What a queued message sends: its kind and values (the person's openid is read when it is sent). */
export type QueuedPush = {
  [K in QueuedKind]: { kind: K; values: KindValues<K> };
}[QueuedKind];

/**
 * Template field types as WeChat's 订阅消息参数值内容限制说明 lists them (the key of a template
 * field is its type followed by a number: `thing1`, `time3`, `character_string2`…). `enum` and
 * `const` fields are not supported: a `const` field is filled by WeChat, an `enum` needs the
 * template's own value list.
 */
export const fieldTypes = [
  'thing',
  'short_thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type FieldType = (typeof fieldTypes)[number];

export function isFieldType(value: unknown): value is FieldType {
  return typeof value === 'string' && (fieldTypes as readonly string[]).includes(value);
}

export interface SubscriptionField {
  /** Which of the kind's values fills this field. */
  from: string;
  type: FieldType;
}

export interface SubscriptionEntry {
  /** The template id the 订阅消息 console assigned (PLACEHOLDER_… in the repo). */
  templateId: string;
  /** The template's title, e.g. 心愿进度提醒 (WeChat drops same-titled templates from one consent request). */
  title: string;
  /** The page the message opens, `{value}` filled from the kind's values; "" for none. */
  page: string;
  /** Template field key (`thing1`…) → where its value comes from and its type. */
  fields: Record<string, SubscriptionField>;
}

export type SubscriptionConfig = Partial<Record<SubscriptionKind, SubscriptionEntry>>;

/** Template ids the repo ships with; a deployment replaces them (`npm run check:deploy`). */
export const PLACEHOLDER_PREFIX = 'PLACEHOLDER_';

export function isPlaceholderId(id: string): boolean {
  return id.startsWith(PLACEHOLDER_PREFIX);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The well-formed entries of a configuration (e.g. the imported deploy/subscriptions.json);
 * anything malformed is left out, so a bad entry costs that kind's messages, never a crash. The
 * strict report of what is wrong is `subscriptionConfigGaps` (scripts/lib).
 */
export function readSubscriptionConfig(raw: unknown): SubscriptionConfig {
  const config: SubscriptionConfig = {};
  if (!isRecord(raw)) return config;
  for (const kind of subscriptionKinds) {
    const entry = raw[kind];
    if (!isRecord(entry) || typeof entry.templateId !== 'string' || !entry.templateId) continue;
    if (!isRecord(entry.fields)) continue;
    const fields: Record<string, SubscriptionField> = {};
    let ok = true;
    for (const [key, field] of Object.entries(entry.fields)) {
      if (isRecord(field) && typeof field.from === 'string' && isFieldType(field.type)) {
        fields[key] = { from: field.from, type: field.type };
      } else ok = false;
    }
    if (!ok) continue;
    config[kind] = {
      templateId: entry.templateId,
      title: typeof entry.title === 'string' ? entry.title : '',
      page: typeof entry.page === 'string' ? entry.page : '',
      fields,
    };
  }
  return config;
}

/** WeChat takes at most three templates in one consent request. */
export const MAX_CONSENT_TEMPLATES = 3;

/**
 * The template ids to ask consent for `kinds`: configured, not placeholders (WeChat would
 * refuse the request), without repeats, at most three.
 */
export function consentTemplateIds(config: SubscriptionConfig, kinds: readonly SubscriptionKind[]): string[] {
  const ids: string[] = [];
  for (const kind of kinds) {
    const id = config[kind]?.templateId;
    if (id && !isPlaceholderId(id) && !ids.includes(id)) ids.push(id);
  }
  return ids.slice(0, MAX_CONSENT_TEMPLATES);
}

// ---------------------------------------------------------------------------------------------
// Values, as WeChat limits them per field type.

/** CJK unified ideographs (with extension A and the compatibility block). */
const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const hanRe = new RegExp(`[${HAN}]`);
const onlyHan = new RegExp(`^[${HAN}]+$`);
const notHan = new RegExp(`[^${HAN}]`, 'g');
/** Control characters (newlines included): WeChat refuses them in every field. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Emoji and pictographs (astral symbols, dingbats, variation selectors, joiners). */
const EMOJI = /[\ud83c-\ud83e][\udc00-\udfff]|[\u2600-\u27bf\ufe0e\ufe0f\u200d]/g;
/** "Symbols": printable ASCII that is neither a letter nor a digit. */
const ASCII_SYMBOL = /[!-/:-@[-`{-~]/;

const chars = (s: string): string[] => Array.from(s);
const length = (s: string): number => chars(s).length;
const cut = (s: string, n: number): string => chars(s).slice(0, n).join('');

/** Free text made safe for WeChat: no control characters or emoji, spaces collapsed. */
function clean(text: string): string {
  return text.replace(CONTROL, ' ').replace(EMOJI, '').replace(/\s+/g, ' ').trim();
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `2026年12月06日 14:05`, Asia/Shanghai (the documented time form, with the date). */
export function wechatTime(date: Date): string {
  const p = cstParts(date);
  return `${p.year}年${pad(p.month)}月${pad(p.day)}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `2026年12月06日`, Asia/Shanghai (the documented date form). */
export function wechatDate(date: Date): string {
  const p = cstParts(date);
  return `${p.year}年${pad(p.month)}月${pad(p.day)}日`;
}

const CLOCK = '\\d{1,2}:\\d{2}(?::\\d{2})?';
const DAY =
  '(?:\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}年\\d{1,2}月|\\d{1,2}月\\d{1,2}日|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{4}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2})';
const TIME_POINT = `(?:${DAY} )?${CLOCK}`;
const DATE_POINT = `${DAY}(?: ${CLOCK})?`;
const timeRe = new RegExp(`^${TIME_POINT}(?:~${TIME_POINT})?$`);
const dateRe = new RegExp(`^${DATE_POINT}(?:~${DATE_POINT})?$`);

/**
 * Whether WeChat accepts `value` for a field of `type` (its documented limits: thing ≤20
 * characters, short_thing ≤5, number ≤32 digits, letter ≤32 letters, symbol ≤5 symbols,
 * character_string ≤32 letters/digits/symbols, time and date in their 年月日 / HH:mm forms,
 * amount = a currency sign and ≤10 digits, phone_number ≤17 digits/symbols, car_number ≤8,
 * name ≤10 Chinese or ≤20 letters, phrase ≤5 Chinese characters). Never empty.
 */
export function isValidFieldValue(type: FieldType, value: string): boolean {
  if (value.length === 0 || value !== value.replace(CONTROL, '')) return false;
  const n = length(value);
  switch (type) {
    case 'thing':
      return n <= 20;
    case 'short_thing':
      return n <= 5;
    case 'number':
      return /^\d+(?:\.\d+)?$/.test(value) && value.replace('.', '').length <= 32;
    case 'letter':
      return /^[A-Za-z]{1,32}$/.test(value);
    case 'symbol':
      return n <= 5 && chars(value).every((c) => ASCII_SYMBOL.test(c));
    case 'character_string':
      return /^[!-~]{1,32}$/.test(value);
    case 'time':
      return timeRe.test(value);
    case 'date':
      return dateRe.test(value);
    case 'amount':
      return /^[¥￥$€£]\d{1,10}(?:\.\d{1,2})?元?$/.test(value);
    case 'phone_number':
      return /^[\d+\-() ]{1,17}$/.test(value);
    case 'car_number':
      return new RegExp(`^[${HAN}A-Za-z0-9][A-Za-z0-9]{0,6}[${HAN}A-Za-z0-9]?$`).test(value) && n <= 8;
    case 'name':
      return hanRe.test(value) ? n <= 10 : /^[A-Za-z!-/:-@[-`{-~ ]{1,20}$/.test(value);
    case 'phrase':
      return onlyHan.test(value) && n <= 5;
  }
}

/**
 * `value` made to fit a field of `type`: text cleaned and cut to the type's length (a cut thing
 * ends with …), dates written in WeChat's 年月日 forms (Asia/Shanghai), characters the type does
 * not allow dropped. Null when nothing valid is left (e.g. a phrase without Chinese characters,
 * a phone number longer than 17) — the message is then not sent.
 */
export function formatFieldValue(type: FieldType, value: SubscriptionValue): string | null {
  let text: string;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    text = type === 'date' ? wechatDate(value) : wechatTime(value);
  } else text = clean(String(value));
  let out: string;
  switch (type) {
    case 'thing':
      out = length(text) > 20 ? `${cut(text, 19)}…` : text;
      break;
    case 'short_thing':
      out = cut(text, 5);
      break;
    case 'number':
      out = typeof value === 'number' && Number.isFinite(value) && value >= 0 ? String(value) : text;
      break;
    case 'letter':
      out = text.replace(/[^A-Za-z]/g, '').slice(0, 32);
      break;
    case 'symbol':
      out = cut(
        chars(text)
          .filter((c) => ASCII_SYMBOL.test(c))
          .join(''),
        5,
      );
      break;
    case 'character_string':
      out = text.replace(/[^!-~]/g, '').slice(0, 32);
      break;
    case 'amount':
      out = typeof value === 'number' && Number.isFinite(value) && value >= 0 ? `¥${value.toFixed(2)}` : text;
      break;
    case 'name':
      out = hanRe.test(text) ? cut(text.replace(/\s/g, ''), 10) : text.slice(0, 20);
      break;
    case 'phrase':
      out = cut(text.replace(notHan, ''), 5);
      break;
    default:
      // time, date, phone_number, car_number: right or not at all (a cut one would mislead).
      out = text;
  }
  return isValidFieldValue(type, out) ? out : null;
}

/** `page` with each `{name}` replaced by that value (URL-encoded); no leading slash. */
export function fillPage(page: string, values: Record<string, SubscriptionValue>): string {
  const filled = page.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = values[name];
    return v === undefined ? '' : encodeURIComponent(v instanceof Date ? v.toISOString() : String(v));
  });
  return filled.replace(/^\/+/, '');
}

/** The `{name}` placeholders of a page. */
export function pagePlaceholders(page: string): string[] {
  const names: string[] = [];
  const re = /\{(\w+)\}/g;
  for (let m = re.exec(page); m; m = re.exec(page)) names.push(m[1] ?? '');
  return names;
}

export interface SubscriptionRequest {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/**
 * The `subscribeMessage.send` payload for `message` under `config`, or why there is none: the
 * kind is not configured, or a field's value cannot be made valid.
 */
export function subscriptionRequest(
  config: SubscriptionConfig,
  message: SubscriptionMessage,
): { ok: true; request: SubscriptionRequest } | { ok: false; reason: string } {
  const entry = config[message.kind];
  if (!entry) return { ok: false, reason: `kind ${message.kind} is not configured` };
  const values = message.values as Record<string, SubscriptionValue>;
  const data: Record<string, { value: string }> = {};
  for (const [key, field] of Object.entries(entry.fields)) {
    const raw = values[field.from];
    const value = raw === undefined ? null : formatFieldValue(field.type, raw);
    if (value === null)
      return { ok: false, reason: `field ${key} (${field.type} from ${field.from}) has no valid value` };
    data[key] = { value };
  }
  const page = entry.page ? fillPage(entry.page, values) : '';
  return {
    ok: true,
    request: { touser: message.openid, templateId: entry.templateId, ...(page ? { page } : {}), data },
  };
}

/** Template id → field key → type: what the emulator validates a send against. */
export function templateFieldTypes(config: SubscriptionConfig): Record<string, Record<string, FieldType>> {
  const out: Record<string, Record<string, FieldType>> = {};
  for (const entry of Object.values(config)) {
    if (!entry) continue;
    out[entry.templateId] = Object.fromEntries(Object.entries(entry.fields).map(([k, f]) => [k, f.type]));
  }
  return out;
}
