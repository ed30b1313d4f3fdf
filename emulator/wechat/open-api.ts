/**
 * Local stand-ins for the WeChat open APIs the functions call through the SDK's
 * `callWxOpenApi` (action `wx.api` on `/admin`):
 * - `/wxa/msg_sec_check` (content safety): a word list instead of WeChat's classifier, and
 *   `outcomeWords` to reproduce a review suggestion, system busy and a transport failure;
 * - `/cgi-bin/message/subscribe/send` (subscription messages): validated as WeChat does (an
 *   openid that is empty or malformed 40003; a template id empty or, when the stand-in knows the
 *   templates, unknown 40037; a template field missing or not within its type's limits 47003),
 *   then appended to an outbox that tests and the developer can read (`GET /api/local/outbox`),
 *   instead of reaching a phone. Consent is not emulated: every valid send lands.
 * Replies have WeChat's shape (`errcode`, `result.suggest`), wrapped as the SDK expects
 * (`data.responseData` as a JSON string).
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidFieldValue, type FieldType } from '../../types/subscriptions';

/** Words that make text "risky" locally: obvious spam and illegal-service patterns. */
export const blockedWords = [
  '赌博',
  '博彩',
  '六合彩',
  '代开发票',
  '办证',
  '刷单',
  '裸聊',
  '高利贷',
  '套现',
  '枪支',
  '毒品',
  '法轮',
];

/**
 * Words that reproduce, locally, each outcome of the real check that is not a plain verdict
 * (docs/glossary.md "待人工审核"): WeChat asks for human review, WeChat is busy (errcode -1),
 * the call never gets an answer (a transport failure). Text containing them is saved with a
 * 待人工审核 hold.
 */
export const outcomeWords = {
  review: '人工复核',
  busy: '系统繁忙',
  transport: '网络中断',
} as const;

export interface OutboxMessage {
  at: string;
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** Template id → field key (`thing1`…) → type: the templates the mini-program has picked. */
export type StandInTemplates = Record<string, Record<string, FieldType>>;

/** Openids are 28 characters of base64url in WeChat; local personas use readable ones. */
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** WeChat's answer to a subscription send: ok, or its error code with a message naming the field. */
export function checkSubscribeSend(
  request: Record<string, unknown>,
  templates?: StandInTemplates,
): { errcode: number; errmsg: string } {
  const touser = request.touser;
  if (typeof touser !== 'string' || !OPENID.test(touser)) return { errcode: 40003, errmsg: 'invalid openid' };
  const templateId = request.template_id;
  if (typeof templateId !== 'string' || templateId === '') return { errcode: 40037, errmsg: 'invalid template id' };
  const fields = templates?.[templateId];
  if (templates && !fields) return { errcode: 40037, errmsg: `invalid template id ${templateId}` };
  if (request.page !== undefined && typeof request.page !== 'string') {
    return { errcode: 47003, errmsg: 'argument invalid! page invalid' };
  }
  const data = request.data;
  if (!isRecord(data)) return { errcode: 47003, errmsg: 'argument invalid! data invalid' };
  for (const [key, type] of Object.entries(fields ?? {})) {
    const item = data[key];
    const value = isRecord(item) ? item.value : undefined;
    if (typeof value !== 'string' || value === '') {
      return { errcode: 47003, errmsg: `argument invalid! data.${key}.value is empty` };
    }
    if (!isValidFieldValue(type, value))
      return { errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` };
  }
  return { errcode: 0, errmsg: 'ok' };
}

export class WechatStandIn {
  private readonly outboxFile: string;

  /** Without `templates`, any non-empty template id is accepted and its data not checked. */
  constructor(
    dataDir: string,
    private readonly templates?: StandInTemplates,
  ) {
    this.outboxFile = join(dataDir, 'wechat-outbox.jsonl');
  }

  outbox(): OutboxMessage[] {
    if (!existsSync(this.outboxFile)) return [];
    return readFileSync(this.outboxFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as OutboxMessage);
  }

  handle(body: Record<string, unknown>): Record<string, unknown> {
    const requestId = `local-${Date.now().toString(36)}`;
    if (body.action !== 'wx.api')
      return { requestId, code: 'INVALID_PARAM', message: `unsupported wx action ${String(body.action)}` };
    let request: Record<string, unknown> = {};
    try {
      request =
        typeof body.requestData === 'string' && body.requestData
          ? (JSON.parse(body.requestData) as Record<string, unknown>)
          : {};
    } catch {
      return { requestId, code: 'INVALID_PARAM', message: 'requestData is not JSON' };
    }
    const reply = (data: unknown) => ({ requestId, data: { responseData: JSON.stringify(data) } });
    switch (body.apiName) {
      case '/wxa/msg_sec_check': {
        const content = typeof request.content === 'string' ? request.content : '';
        if (content.includes(outcomeWords.transport))
          return { requestId, code: 'SYS_ERR', message: 'msg_sec_check: connection reset (emulated 网络中断)' };
        if (content.includes(outcomeWords.busy))
          return reply({ errcode: -1, errmsg: 'system error (emulated 系统繁忙)' });
        if (content.includes(outcomeWords.review)) {
          return reply({
            errcode: 0,
            errmsg: 'ok',
            result: { suggest: 'review', label: 20002 },
            detail: [
              { strategy: 'keyword', errcode: 0, suggest: 'review', label: 20002, keyword: outcomeWords.review },
            ],
          });
        }
        const hit = blockedWords.find((word) => content.includes(word));
        return reply({
          errcode: 0,
          errmsg: 'ok',
          result: hit ? { suggest: 'risky', label: 20001 } : { suggest: 'pass', label: 100 },
          detail: hit ? [{ strategy: 'keyword', errcode: 0, suggest: 'risky', label: 20001, keyword: hit }] : [],
        });
      }
      case '/cgi-bin/message/subscribe/send': {
        const verdict = checkSubscribeSend(request, this.templates);
        if (verdict.errcode !== 0) return reply(verdict);
        const message: OutboxMessage = {
          at: new Date().toISOString(),
          touser: String(request.touser ?? ''),
          template_id: String(request.template_id ?? ''),
          ...(typeof request.page === 'string' ? { page: request.page } : {}),
          data: (request.data ?? {}) as OutboxMessage['data'],
        };
        appendFileSync(this.outboxFile, `${JSON.stringify(message)}\n`);
        return reply({ errcode: 0, errmsg: 'ok' });
      }
      default:
        return reply({ errcode: 40001, errmsg: `api ${String(body.apiName)} is not emulated locally` });
    }
  }
}
