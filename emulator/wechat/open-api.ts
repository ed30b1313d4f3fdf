/**
 * Local stand-ins for the WeChat open APIs the functions call through the SDK's
 * `callWxOpenApi` (action `wx.api` on `/admin`):
 * - `/wxa/msg_sec_check` (content safety): a word list instead of WeChat's classifier, and
 *   `outcomeWords` to reproduce a review suggestion, system busy and a transport failure;
 * - `/cgi-bin/message/subscribe/send` (subscription messages): appended to an outbox that
 *   tests and the developer can read (`GET /api/local/outbox`), instead of reaching a phone.
 * Replies have WeChat's shape (`errcode`, `result.suggest`), wrapped as the SDK expects
 * (`data.responseData` as a JSON string).
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

export class WechatStandIn {
  private readonly outboxFile: string;

  constructor(dataDir: string) {
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
        const message: OutboxMessage = {
          at: new Date().toISOString(),
          touser: String(request.touser ?? ''),
          template_id: String(request.template_id ?? ''),
          ...(typeof request.page === 'string' ? { page: request.page } : {}),
          data: (request.data ?? {}) as OutboxMessage['data'],
        };
        if (!message.touser || !message.template_id) return reply({ errcode: 47003, errmsg: 'argument invalid' });
        appendFileSync(this.outboxFile, `${JSON.stringify(message)}\n`);
        return reply({ errcode: 0, errmsg: 'ok' });
      }
      default:
        return reply({ errcode: 40001, errmsg: `api ${String(body.apiName)} is not emulated locally` });
    }
  }
}
