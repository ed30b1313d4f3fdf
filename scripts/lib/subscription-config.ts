/**
 * The strict check of a subscription-template configuration (deploy/subscriptions.json), for
 * `npm run check:deploy`: every gap named in Chinese and English, none = ready to deploy.
 * Gaps: not an object; a kind the functions send missing, or a kind they never send; a
 * PLACEHOLDER_ id left, or an id that does not look like one; one id (or one title) used for
 * two kinds; a field key that is not WeChat's `<type><number>` form, an unknown type or a key
 * whose type prefix differs from its type; a `from` (or a page `{…}`) naming a value the kind
 * does not provide. See docs/adr/0019-subscription-templates.md. The messages name the kind and
 * field, not the file: `scripts/check-deploy.ts` prefixes the file it read.
 */
import {
  fieldTypes,
  isFieldType,
  isPlaceholderId,
  kindValues,
  pagePlaceholders,
  subscriptionKinds,
  type SubscriptionKind,
} from '../../types/subscriptions';

export interface Gap {
  zh: string;
  en: string;
}
/** The name check-deploy knew this type by. */
export type ConfigGap = Gap;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKind = (k: string): k is SubscriptionKind => (subscriptionKinds as readonly string[]).includes(k);

/** WeChat template ids: 43 characters of base64url in practice; a little latitude either way. */
const TEMPLATE_ID = /^[A-Za-z0-9_-]{20,64}$/;
/** A template field key: its type and a number (`thing1`, `character_string12`). */
const FIELD_KEY = /^([a-z_]+?)(\d+)$/;

function entryGaps(kind: SubscriptionKind, entry: unknown): Gap[] {
  const where = kind;
  if (!isRecord(entry)) {
    return [
      {
        zh: `${where}：应为对象（templateId、title、page、fields）`,
        en: `${where}: must be an object (templateId, title, page, fields)`,
      },
    ];
  }
  const gaps: Gap[] = [];
  const provided: readonly string[] = kindValues[kind];
  const id = entry.templateId;
  if (typeof id !== 'string' || id.trim() === '') {
    gaps.push({ zh: `${where}：缺少模板 ID（templateId）`, en: `${where}: templateId is missing` });
  } else if (isPlaceholderId(id)) {
    gaps.push({
      zh: `${where}：模板 ID 仍是占位符 ${id}，请在 公众平台 → 订阅消息 → 我的模板 中复制真实的模板 ID`,
      en: `${where}: templateId is still the placeholder ${id}; copy the real id from 订阅消息 → 我的模板`,
    });
  } else if (!TEMPLATE_ID.test(id)) {
    gaps.push({
      zh: `${where}：模板 ID「${id}」不像微信的模板 ID（应为 43 位左右的字母、数字、- 和 _）`,
      en: `${where}: templateId "${id}" does not look like a WeChat template id (about 43 letters, digits, - and _)`,
    });
  }
  if (typeof entry.title !== 'string' || entry.title.trim() === '') {
    gaps.push({ zh: `${where}：缺少模板标题（title）`, en: `${where}: title is missing` });
  }
  if (typeof entry.page !== 'string') {
    gaps.push({
      zh: `${where}：page 应为页面路径字符串（可为空）`,
      en: `${where}: page must be a page path string (may be empty)`,
    });
  } else {
    for (const name of pagePlaceholders(entry.page)) {
      if (!provided.includes(name)) {
        gaps.push({
          zh: `${where}：page 中的 {${name}} 不是该消息提供的值（可用：${provided.join('、')}）`,
          en: `${where}: page names {${name}}, which this kind does not provide (available: ${provided.join(', ')})`,
        });
      }
    }
  }
  if (!isRecord(entry.fields) || Object.keys(entry.fields).length === 0) {
    gaps.push({ zh: `${where}：缺少字段映射（fields）`, en: `${where}: fields are missing` });
    return gaps;
  }
  for (const [key, field] of Object.entries(entry.fields)) {
    const at = `${where}.fields.${key}`;
    if (!isRecord(field)) {
      gaps.push({ zh: `${at}：应为 { from, type }`, en: `${at}: must be { from, type }` });
      continue;
    }
    if (!isFieldType(field.type)) {
      gaps.push({
        zh: `${at}：未知的字段类型「${String(field.type)}」（可用：${fieldTypes.join('、')}）`,
        en: `${at}: unknown field type "${String(field.type)}" (known: ${fieldTypes.join(', ')})`,
      });
    } else {
      const prefix = FIELD_KEY.exec(key)?.[1];
      if (prefix !== field.type) {
        gaps.push({
          zh: `${at}：字段名应为类型加序号（如 ${field.type}1），与模板详情中的一致`,
          en: `${at}: the key must be the type and a number (e.g. ${field.type}1), as in the template's details`,
        });
      }
    }
    if (typeof field.from !== 'string' || !provided.includes(field.from)) {
      gaps.push({
        zh: `${at}：from「${String(field.from)}」不是该消息提供的值（可用：${provided.join('、')}）`,
        en: `${at}: from "${String(field.from)}" is not a value this kind provides (available: ${provided.join(', ')})`,
      });
    }
  }
  return gaps;
}

/** What a configuration lacks for a deployment; empty when it is ready. */
export function subscriptionConfigGaps(config: unknown): Gap[] {
  if (!isRecord(config)) {
    return [{ zh: '应为 JSON 对象', en: 'must be a JSON object' }];
  }
  const gaps: Gap[] = [];
  for (const key of Object.keys(config)) {
    if (key.startsWith('$') || isKind(key)) continue;
    gaps.push({
      zh: `「${key}」不是会发送的消息类型（只有：${subscriptionKinds.join('、')}）`,
      en: `"${key}" is not a kind that is sent (only: ${subscriptionKinds.join(', ')})`,
    });
  }
  const byId = new Map<string, SubscriptionKind[]>();
  const byTitle = new Map<string, SubscriptionKind[]>();
  for (const kind of subscriptionKinds) {
    const entry = config[kind];
    if (entry === undefined) {
      gaps.push({
        zh: `缺少消息类型 ${kind} 的模板配置`,
        en: `kind ${kind} has no template`,
      });
      continue;
    }
    gaps.push(...entryGaps(kind, entry));
    if (isRecord(entry) && typeof entry.templateId === 'string' && entry.templateId) {
      byId.set(entry.templateId, [...(byId.get(entry.templateId) ?? []), kind]);
    }
    if (isRecord(entry) && typeof entry.title === 'string' && entry.title) {
      byTitle.set(entry.title, [...(byTitle.get(entry.title) ?? []), kind]);
    }
  }
  for (const [id, kinds] of byId) {
    if (kinds.length < 2) continue;
    gaps.push({
      zh: `模板 ID ${id} 被 ${kinds.join('、')} 共用；每种消息须使用自己的模板`,
      en: `template id ${id} is shared by ${kinds.join(', ')}; each kind needs its own template`,
    });
  }
  for (const [title, kinds] of byTitle) {
    if (kinds.length < 2) continue;
    gaps.push({
      zh: `模板标题「${title}」被 ${kinds.join('、')} 共用；同名模板在一次订阅请求中会被微信过滤`,
      en: `title "${title}" is shared by ${kinds.join(', ')}; WeChat drops same-titled templates from one consent request`,
    });
  }
  return gaps;
}
