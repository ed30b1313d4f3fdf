/**
 * WeChat's open APIs, behind one interface. On CloudBase the calls go through 云调用: the
 * wx-server-sdk `cloud.openapi.*` channel, authorised by `permissions.openapi` in the function's
 * `config.json` (no access token, no domain). Locally (the function host sets `HONGSE_LOCAL=1`)
 * the same interface is served by the emulator's stand-in (`emulator/wechat/open-api.ts`)
 * through the node SDK's `callWxOpenApi`. Invariants: callers see only `OpenApi`; replies are
 * normalised to WeChat's snake_case shape (`errcode`, `result.suggest`); a transport failure is
 * thrown, a WeChat refusal is returned as a non-zero `errcode`.
 */
import { cloudbase } from './database';

/** WeChat's scenes for msgSecCheck v2: 1 profile, 2 comment, 3 forum post, 4 social log. */
export type ContentScene = 1 | 2 | 3 | 4;

export interface MsgSecCheckRequest {
  content: string;
  version: 2;
  scene: ContentScene;
  openid: string;
}

export interface MsgSecCheckReply {
  errcode: number;
  errmsg?: string;
  /** `pass`, `review` or `risky`. */
  result?: { suggest?: string; label?: number };
}

export interface SubscribeMessageRequest {
  touser: string;
  templateId: string;
  page?: string;
  /** Keyed by the template's field names (`thing1`, `time2`…). */
  data: Record<string, { value: string }>;
  /** `formal` in production; `developer`/`trial` while testing a version. */
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

export interface SendReply {
  errcode: number;
  errmsg?: string;
}

export interface OpenApi {
  msgSecCheck(request: MsgSecCheckRequest): Promise<MsgSecCheckReply>;
  sendSubscribeMessage(request: SubscribeMessageRequest): Promise<SendReply>;
}

/** The shape of the part of wx-server-sdk used here (its own typings declare `openapi` as any). */
export interface WxServerSdk {
  init(config?: { env?: unknown }): void;
  DYNAMIC_CURRENT_ENV: unknown;
  openapi: {
    security: { msgSecCheck(data: Record<string, unknown>): Promise<Record<string, unknown>> };
    subscribeMessage: { send(data: Record<string, unknown>): Promise<Record<string, unknown>> };
  };
}

/** wx-server-sdk replies in camelCase (`errCode`) and throws `{ errCode, errMsg }` on refusal. */
function wxReply(reply: Record<string, unknown>): { errcode: number; errmsg?: string } {
  const code = reply.errCode ?? reply.errcode ?? 0;
  const msg = reply.errMsg ?? reply.errmsg;
  return { errcode: Number(code), ...(typeof msg === 'string' ? { errmsg: msg } : {}) };
}

/** A refusal thrown by wx-server-sdk carries WeChat's errCode; anything else is a transport failure. */
function wxRefusal(error: unknown): { errcode: number; errmsg?: string } | null {
  const e = error as { errCode?: unknown; errMsg?: unknown } | null;
  if (typeof e?.errCode !== 'number' || e.errCode === 0) return null;
  // Negative codes are the cloud channel's own (-501007 bad params, -604101 no permission…).
  if (e.errCode < 0) return null;
  return { errcode: e.errCode, ...(typeof e.errMsg === 'string' ? { errmsg: e.errMsg } : {}) };
}

/** The production adapter: 云调用 through wx-server-sdk. */
export function wxServerSdkOpenApi(sdk: WxServerSdk): OpenApi {
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  return {
    async msgSecCheck(request) {
      try {
        const reply = await sdk.openapi.security.msgSecCheck({ ...request });
        const result = reply.result as MsgSecCheckReply['result'] | undefined;
        return { ...wxReply(reply), ...(result ? { result } : {}) };
      } catch (error) {
        const refusal = wxRefusal(error);
        if (refusal) return refusal;
        throw error;
      }
    },
    async sendSubscribeMessage(request) {
      try {
        return wxReply(await sdk.openapi.subscribeMessage.send({ ...request }));
      } catch (error) {
        const refusal = wxRefusal(error);
        if (refusal) return refusal;
        throw error;
      }
    },
  };
}

/** The local adapter: the emulator's stand-in, reached through the node SDK. */
export function emulatorOpenApi(): OpenApi {
  const call = async (apiName: string, requestData: Record<string, unknown>) => {
    const res = (await cloudbase().callWxOpenApi({ apiName, requestData })) as {
      result?: Record<string, unknown>;
      code?: string;
      message?: string;
    };
    if (res.code) throw new Error(`${apiName}: ${res.code} ${res.message ?? ''}`);
    return res.result ?? {};
  };
  return {
    async msgSecCheck(request) {
      const reply = await call('/wxa/msg_sec_check', { ...request });
      return reply as unknown as MsgSecCheckReply;
    },
    async sendSubscribeMessage({ templateId, miniprogramState, ...rest }) {
      const reply = await call('/cgi-bin/message/subscribe/send', {
        ...rest,
        template_id: templateId,
        ...(miniprogramState ? { miniprogram_state: miniprogramState } : {}),
      });
      return reply as unknown as SendReply;
    },
  };
}

let instance: OpenApi | undefined;

/** The open API of the world this function runs in. */
export function openApi(): OpenApi {
  if (!instance) {
    if (process.env.HONGSE_LOCAL === '1') instance = emulatorOpenApi();
    else {
      // Required lazily: the local host and the tests never load wx-server-sdk.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      instance = wxServerSdkOpenApi(require('wx-server-sdk') as WxServerSdk);
    }
  }
  return instance;
}

/** Tests only: replaces the adapter (undefined restores the default). */
export function setOpenApiForTests(api: OpenApi | undefined): void {
  instance = api;
}
