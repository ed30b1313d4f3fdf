/**
 * The production open-API adapter (`wxServerSdkOpenApi`, cloudfunctions/_shared/open-api.ts)
 * driven through the REAL wx-server-sdk 4.0.2. Only the wire is replaced: the SDK's nested
 * @cloudbase/node-sdk posts 云调用 as a multipart form (`action=wx.openApi`, `apiName`,
 * `requestData` = a protobuf `CommApiData` whose `openapiData.pairs` carry each argument,
 * snake_cased, as JSON bytes) to the endpoint CloudBase injects into every function
 * (`TCB_CONTEXT_CNFG.URL`); here that endpoint is a loopback server that decodes what arrived
 * and answers with a protobuf `CommOpenApiResp` (WeChat's JSON reply in `respData`), or fails
 * as a broken transport would. The message layouts are those of the SDK's own
 * `src/protobuf/openapi.js`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as protobuf from 'protobufjs';
import { wxServerSdkOpenApi, type OpenApi, type WxServerSdk } from '../../cloudfunctions/_shared/open-api';

const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: { fields: { key: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
});
const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

/** One 云调用 as it reached the wire. */
interface WireCall {
  action: string;
  apiName: string;
  /** The decoded arguments (each pair's JSON value). */
  args: Record<string, unknown>;
}

type Answer = { kind: 'json'; body: Record<string, unknown> } | { kind: 'http'; status: number };

let server: Server;
let calls: WireCall[] = [];
let answer: Answer = { kind: 'json', body: { errcode: 0 } };
let api: OpenApi;
const saved: Record<string, string | undefined> = {};

/** The parts of a multipart/form-data body, by name. */
function formParts(body: Buffer, contentType: string): Map<string, Buffer> {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`not multipart: ${contentType}`);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts = new Map<string, Buffer>();
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(at + delimiter.length + 2, next - 2); // CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    const name = /name="([^"]+)"/.exec(part.subarray(0, headerEnd).toString())?.[1];
    if (name) parts.set(name, part.subarray(headerEnd + 4));
    at = next;
  }
  return parts;
}

function decodeCall(parts: Map<string, Buffer>): WireCall {
  const message = CommApiData.toObject(CommApiData.decode(parts.get('requestData') ?? Buffer.alloc(0))) as {
    openapiData?: { pairs?: Array<{ key: string; value: Uint8Array }> };
  };
  const args: Record<string, unknown> = {};
  for (const pair of message.openapiData?.pairs ?? []) args[pair.key] = JSON.parse(Buffer.from(pair.value).toString());
  return { action: parts.get('action')?.toString() ?? '', apiName: parts.get('apiName')?.toString() ?? '', args };
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    calls.push(decodeCall(formParts(Buffer.concat(chunks), req.headers['content-type'] ?? '')));
    if (answer.kind === 'http') {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end('{}');
      return;
    }
    const reply = CommOpenApiResp.encode(
      CommOpenApiResp.create({
        respData: Buffer.from(JSON.stringify(answer.body)),
        contentType: 'application/json',
        httpCode: 200,
      }),
    ).finish();
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(Buffer.from(reply));
  });
}

const ENV = {
  TENCENTCLOUD_RUNENV: 'SCF',
  TENCENTCLOUD_REGION: 'ap-shanghai',
  SCF_NAMESPACE: 'test-env',
  TCB_ENV: 'test-env',
  TENCENTCLOUD_SECRETID: 'test-secret-id',
  TENCENTCLOUD_SECRETKEY: 'test-secret-key',
  SILENCE: 'true',
};

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`;
  for (const key of [...Object.keys(ENV), 'TCB_CONTEXT_CNFG']) saved[key] = process.env[key];
  Object.assign(process.env, ENV, { TCB_CONTEXT_CNFG: JSON.stringify({ URL: url }) });
  // The real package, as a deployed function loads it.
  api = wxServerSdkOpenApi(require('wx-server-sdk') as WxServerSdk);
});

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  calls = [];
  answer = { kind: 'json', body: { errcode: 0, errmsg: 'ok' } };
});

describe('msgSecCheck through 云调用', () => {
  test('calls security.msgSecCheck with content, version 2, scene and openid, and reads the suggestion', async () => {
    answer = {
      kind: 'json',
      body: {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest: 'pass', label: 100 },
        trace_id: 't1',
        detail: [],
      },
    };
    const reply = await api.msgSecCheck({ content: '楼道的灯坏了', version: 2, scene: 3, openid: 'o-user-1' });
    expect(calls).toEqual([
      {
        action: 'wx.openApi',
        apiName: 'security.msgSecCheck',
        args: { content: '楼道的灯坏了', version: 2, scene: 3, openid: 'o-user-1' },
      },
    ]);
    expect(reply).toEqual({
      errcode: 0,
      errmsg: 'openapi.security.msgSecCheck:ok',
      result: { suggest: 'pass', label: 100 },
    });
  });

  test('a risky verdict comes back as errcode 0 with suggest risky', async () => {
    answer = { kind: 'json', body: { errcode: 0, errmsg: 'ok', result: { suggest: 'risky', label: 20001 } } };
    const reply = await api.msgSecCheck({ content: 'x', version: 2, scene: 2, openid: 'o' });
    expect(reply.errcode).toBe(0);
    expect(reply.result).toEqual({ suggest: 'risky', label: 20001 });
  });

  test("WeChat's refusal (a positive errcode, thrown by the SDK) is returned as errcode", async () => {
    answer = { kind: 'json', body: { errcode: 87014, errmsg: 'risky content' } };
    const reply = await api.msgSecCheck({ content: 'x', version: 2, scene: 2, openid: 'o' });
    expect(reply.errcode).toBe(87014);
    expect(reply.errmsg).toContain('risky content');
  });

  test('system busy (errcode -1) is thrown: the check did not run', async () => {
    answer = { kind: 'json', body: { errcode: -1, errmsg: 'system error' } };
    await expect(api.msgSecCheck({ content: 'x', version: 2, scene: 2, openid: 'o' })).rejects.toMatchObject({
      errCode: -1,
    });
  });

  test('a broken transport (HTTP 500 from the gateway) is thrown with the channel’s negative code', async () => {
    answer = { kind: 'http', status: 500 };
    const error = (await api
      .msgSecCheck({ content: 'x', version: 2, scene: 2, openid: 'o' })
      .catch((e: unknown) => e)) as {
      errCode?: number;
    };
    expect(typeof error.errCode).toBe('number');
    expect(error.errCode).toBeLessThan(0);
  });
});

describe('subscribeMessage.send through 云调用', () => {
  test('calls subscribeMessage.send with touser, template_id, page, data and miniprogram_state', async () => {
    const reply = await api.sendSubscribeMessage({
      touser: 'o-user-2',
      templateId: 'tpl-abc',
      page: '/packages/wish/pages/detail/index?id=w1',
      data: { thing1: { value: '修楼道灯' }, phrase2: { value: '已认领' } },
      miniprogramState: 'formal',
    });
    expect(calls).toEqual([
      {
        action: 'wx.openApi',
        apiName: 'subscribeMessage.send',
        args: {
          touser: 'o-user-2',
          template_id: 'tpl-abc',
          page: '/packages/wish/pages/detail/index?id=w1',
          data: { thing1: { value: '修楼道灯' }, phrase2: { value: '已认领' } },
          miniprogram_state: 'formal',
        },
      },
    ]);
    expect(reply.errcode).toBe(0);
  });

  test('the user refused or the quota is used up (43101) comes back as errcode, not thrown', async () => {
    answer = { kind: 'json', body: { errcode: 43101, errmsg: 'user refuse to accept the msg' } };
    const reply = await api.sendSubscribeMessage({ touser: 'o', templateId: 't', data: {} });
    expect(reply.errcode).toBe(43101);
  });

  test('a broken transport is thrown', async () => {
    answer = { kind: 'http', status: 502 };
    await expect(api.sendSubscribeMessage({ touser: 'o', templateId: 't', data: {} })).rejects.toThrow(
      /^openapi\.subscribeMessage\.send:fail -501001 resource system error\. 502 Bad Gateway/,
    );
  });
});
