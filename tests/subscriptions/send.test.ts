/**
 * Sending subscription messages: notify hands the open API the configured template, page and
 * formatted data — on CloudBase through wx-server-sdk's `openapi.subscribeMessage.send`, locally
 * into the emulator's outbox; no consent (43101) or any other refusal never fails the action;
 * the emulator refuses what WeChat refuses (bad openid 40003, unknown template 40037, bad data
 * 47003).
 */
import { Collections } from '../../cloudfunctions/_shared/collections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { database } from '../../cloudfunctions/_shared/database';
import {
  notify,
  sendSubscription,
  setSubscriptionConfigForTests,
  type Notification,
} from '../../cloudfunctions/_shared/notify';
import { setOpenApiForTests, wxServerSdkOpenApi, type WxServerSdk } from '../../cloudfunctions/_shared/open-api';
import { checkSubscribeSend, WechatStandIn } from '../../emulator/wechat/open-api';
import { readSubscriptionConfig, templateFieldTypes } from '../../types/subscriptions';
import example from '../../deploy/examples/subscriptions.json';
import shipped from '../../deploy/subscriptions.json';
import { startTestServer, type TestServer } from '../support/in-process-server';
import { localCtx } from '../support/local-ctx';
import { activityCancelledFields, at, wishClaimed, wishClaimedFields } from './examples';
const claimed = (key: string): Notification => ({
  key,
  userId: 'user-resident',
  communityId: 'comm-xingfuli',
  kind: 'wish',
  title: '您的心愿已被认领',
  body: '李建国认领了您的心愿“需要一个助行器”，将尽快与您联系。',
  link: '/packages/wish/pages/detail/index?id=wish-1',
  subscription: {
    kind: 'wishProgress',
    openid: 'demo-resident',
    values: wishClaimed,
  },
});

describe('on CloudBase (wx-server-sdk 云调用)', () => {
  const send = jest.fn();
  const sdk: WxServerSdk = {
    init: () => undefined,
    DYNAMIC_CURRENT_ENV: Symbol('current env'),
    openapi: { security: { msgSecCheck: jest.fn() }, subscribeMessage: { send } },
  };
  let warn: jest.SpyInstance;
  beforeEach(() => {
    send.mockReset();
    setOpenApiForTests(wxServerSdkOpenApi(sdk));
    setSubscriptionConfigForTests(readSubscriptionConfig(example));
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    setOpenApiForTests(undefined);
    setSubscriptionConfigForTests(undefined);
    warn.mockRestore();
  });

  test('the documented call: the kind’s template, its page and the formatted fields', async () => {
    send.mockResolvedValue({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    await sendSubscription(claimed('k1'));
    expect(send).toHaveBeenCalledWith({
      touser: 'demo-resident',
      templateId: example.wishProgress.templateId,
      page: 'packages/wish/pages/detail/index?id=wish-1',
      data: wishClaimedFields,
    });
    expect(warn).not.toHaveBeenCalled();
  });

  test('no consent (43101) is the normal case: not thrown, not logged', async () => {
    send.mockRejectedValue({
      errCode: 43101,
      errMsg: 'openapi.subscribeMessage.send:fail user refuse to accept the msg',
    });
    await expect(sendSubscription(claimed('k2'))).resolves.toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  test('another refusal or a transport failure is logged, never thrown', async () => {
    send.mockRejectedValueOnce({ errCode: 47003, errMsg: 'argument invalid! data.thing1.value invalid' });
    await expect(sendSubscription(claimed('k3'))).resolves.toBeUndefined();
    send.mockRejectedValueOnce(new Error('socket hang up'));
    await expect(sendSubscription(claimed('k4'))).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
  });

  test('a kind missing from the configuration sends nothing', async () => {
    setSubscriptionConfigForTests({});
    await sendSubscription(claimed('k5'));
    expect(send).not.toHaveBeenCalled();
  });
});

describe('the emulator refuses what WeChat refuses', () => {
  const templates = templateFieldTypes(readSubscriptionConfig(example));
  const id = example.activityCancelled.templateId;
  const good = {
    touser: 'oAbC-12_xyz',
    template_id: id,
    page: 'packages/volunteer/pages/detail/index?id=a1',
    data: activityCancelledFields,
  };
  const code = (request: Record<string, unknown>) => checkSubscribeSend(request, templates).errcode;

  test('a valid send is accepted and lands in the outbox', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hongse-wechat-'));
    try {
      const standIn = new WechatStandIn(dir, templates);
      const res = standIn.handle({
        action: 'wx.api',
        apiName: '/cgi-bin/message/subscribe/send',
        requestData: JSON.stringify(good),
      }) as { data: { responseData: string } };
      expect(JSON.parse(res.data.responseData)).toEqual({ errcode: 0, errmsg: 'ok' });
      expect(standIn.outbox()).toEqual([
        expect.objectContaining({ touser: good.touser, template_id: id, data: good.data }),
      ]);
      const bad = standIn.handle({
        action: 'wx.api',
        apiName: '/cgi-bin/message/subscribe/send',
        requestData: JSON.stringify({ ...good, template_id: 'unknown-template' }),
      }) as { data: { responseData: string } };
      expect(JSON.parse(bad.data.responseData)).toMatchObject({ errcode: 40037 });
      expect(standIn.outbox()).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an empty or malformed openid: 40003', () => {
    expect(code({ ...good, touser: '' })).toBe(40003);
    expect(code({ ...good, touser: 'not an openid' })).toBe(40003);
  });

  test('an empty or unknown template id: 40037', () => {
    expect(code({ ...good, template_id: '' })).toBe(40037);
    expect(code({ ...good, template_id: example.wishProgress.templateId.replace(/.$/, '!') })).toBe(40037);
  });

  test('a missing, empty or out-of-limits field: 47003, naming the field', () => {
    const { thing3: _dropped, ...missing } = good.data;
    expect(checkSubscribeSend({ ...good, data: missing }, templates)).toEqual({
      errcode: 47003,
      errmsg: 'argument invalid! data.thing3.value is empty',
    });
    expect(code({ ...good, data: { ...good.data, thing1: { value: '' } } })).toBe(47003);
    expect(code({ ...good, data: { ...good.data, thing1: { value: '一'.repeat(21) } } })).toBe(47003);
    expect(code({ ...good, data: { ...good.data, time2: { value: '2026-12-06T06:05:00Z' } } })).toBe(47003);
    expect(code({ ...good, data: 'thing1=x' })).toBe(47003);
  });

  test('without templates any non-empty template id is taken (the former behaviour)', () => {
    expect(checkSubscribeSend({ ...good, template_id: 'anything' })).toEqual({ errcode: 0, errmsg: 'ok' });
  });
});

describe('locally (the emulator behind the node SDK)', () => {
  let server: TestServer;
  const ctx = () => localCtx({ openid: 'demo-resident', now: () => at });
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const outbox = async () =>
    ((await (await fetch(`${server.url}/api/local/outbox`)).json()) as { data: Array<Record<string, unknown>> }).data;

  test('notify sends the documented payload with the shipped template, once per key', async () => {
    expect(await notify(ctx(), claimed('send-test:1'))).toBe(true);
    expect(await notify(ctx(), claimed('send-test:1'))).toBe(false);
    expect(await outbox()).toEqual([
      {
        at: expect.any(String),
        touser: 'demo-resident',
        template_id: shipped.wishProgress.templateId,
        page: 'packages/wish/pages/detail/index?id=wish-1',
        data: wishClaimedFields,
      },
    ]);
    const stored = await database().collection(Collections.messages).where({ _id: 'send-test:1' }).get();
    expect(stored.data).toHaveLength(1);
  });

  test('a send the emulator refuses does not fail the action; the in-app message is kept', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const n = claimed('send-test:2');
      const refused = { ...n, subscription: { ...n.subscription!, openid: 'not an openid' } } as Notification;
      expect(await notify(ctx(), refused)).toBe(true);
      expect(warn).toHaveBeenCalledWith(
        '[notify] subscription message refused',
        'send-test:2',
        40003,
        expect.any(String),
      );
      expect(await outbox()).toHaveLength(1);
      const stored = await database().collection(Collections.messages).where({ _id: 'send-test:2' }).get();
      expect(stored.data).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });
});
