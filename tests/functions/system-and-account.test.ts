/**
 * The first actions through every server layer: HTTP → function host → deployable bundle →
 * wrapper → verb → real node SDK → database emulator → SQLite.
 */
import { seedDemoCommunity } from '../../emulator/seed/demo-community';
import { startTestServer, type TestServer } from '../support/in-process-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

describe('system.ping', () => {
  test('answers anonymous callers with the server time, the local runtime and a database round trip', async () => {
    const before = Date.now();
    const { status, body } = await server.callAs(null, 'system', 'ping');
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.data).toMatchObject({ pong: true, runtime: 'local' });
    expect(Date.parse(body.data.serverTime)).toBeGreaterThanOrEqual(before - 1000);
    expect(body.data.databaseMs).toBeGreaterThanOrEqual(0);
  });

  test('refuses unknown input fields with a VALIDATION error in Chinese', async () => {
    const { body } = await server.callAs(null, 'system', 'ping', { openid: 'someone-else' });
    expect(body).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'input.invalid' } });
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(body.error.fields).toHaveProperty('_');
  });
});

describe('account.me', () => {
  test('refuses a call without a WeChat identity as UNAUTHENTICATED', async () => {
    const { body } = await server.callAs(null, 'account', 'me');
    expect(body).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', reason: 'auth.no-identity', message: '请在微信中打开，或先选择身份' },
    });
  });

  test('tells a first-time visitor they are not registered yet', async () => {
    const { body } = await server.callAs('openid-never-seen', 'account', 'me');
    expect(body).toEqual({ ok: true, data: { registered: false, profile: null, roles: [], bindings: [] } });
  });

  test('returns the profile of the caller identified by the cloud context, written through the SDK into SQLite', async () => {
    await seedDemoCommunity('local-dev');
    const { body } = await server.callAs('demo-admin', 'account', 'me');
    expect(body).toMatchObject({
      ok: true,
      data: { registered: true, profile: { id: 'user-admin', name: '王红梅', phone: '13810000001', avatarUrl: null } },
    });
  });

  test('ignores any identity the client puts in the request body', async () => {
    const res = await fetch(`${server.url}/api/functions/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': 'demo-resident' },
      body: JSON.stringify({ action: 'me', data: {}, openid: 'demo-admin', userInfo: { openId: 'demo-admin' } }),
    });
    const body = await res.json();
    expect(body.data.profile.name).toBe('张秀英');
  });
});

describe('the function host', () => {
  test('answers an unknown action with NOT_FOUND and an unknown function with 404', async () => {
    const unknownAction = await server.callAs('demo-admin', 'account', 'delete-everything');
    expect(unknownAction.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: 'action.unknown' } });
    const unknownFunction = await server.callAs('demo-admin', 'no-such-function', 'x');
    expect(unknownFunction.status).toBe(404);
    expect(unknownFunction.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: 'function.unknown' } });
  });

  test('refuses a body that is not JSON with a VALIDATION error', async () => {
    const res = await fetch(`${server.url}/api/functions/system`, { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'request.malformed' } });
  });

  test('passes the caller to the function in the SCF context, never in the event', () => {
    const context = server.functions.contextFor('account', { openid: 'demo-member' });
    expect(JSON.parse(context.environment as string)).toMatchObject({
      WX_OPENID: 'demo-member',
      WX_APPID: 'wxlocaldemo',
    });
    expect(context).toMatchObject({ function_name: 'account', namespace: 'local-dev' });
    expect(typeof context.request_id).toBe('string');
  });
});
