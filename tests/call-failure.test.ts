/**
 * The app's call layer tells a server failure from a network one: a reply from the server that
 * carries an error (an INTERNAL envelope, a 5xx page that is not an envelope, a WeChat function
 * that failed to run) says "服务器出错了"; only a call that got no reply says the network failed;
 * the server's own refusals keep their words.
 */
import { AppError } from '../types/errors';
import {
  NETWORK_FAILED,
  SERVER_FAILED,
  ServerReplyError,
  replyFailure,
  transportFailure,
} from '../src/services/call-failure';
import { call } from '../src/services/cloud';
import { invokeFunction } from '../src/services/transport';

// Hoisted above the imports: the call layer gets a transport the test answers for.
jest.mock('../src/services/transport', () => ({ invokeFunction: jest.fn() }));

const invoke = invokeFunction as jest.MockedFunction<typeof invokeFunction>;

async function failureOf(): Promise<AppError> {
  try {
    await call('account', 'me', {});
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

test('an INTERNAL error envelope from the server says the server failed', async () => {
  invoke.mockResolvedValueOnce({
    ok: false,
    error: { code: 'INTERNAL', reason: 'internal.unexpected', message: '系统繁忙，请稍后再试' },
  });
  const error = await failureOf();
  expect(error.message).toBe(SERVER_FAILED);
  expect(error.reason).toBe('internal.unexpected');
});

test('a reply that is not an envelope (an HTTP 502 page) says the server failed, not the network', async () => {
  invoke.mockRejectedValueOnce(new ServerReplyError(502));
  expect((await failureOf()).message).toBe(SERVER_FAILED);
  invoke.mockResolvedValueOnce('<html>502 Bad Gateway</html>');
  expect((await failureOf()).message).toBe(SERVER_FAILED);
});

test('a WeChat cloud function that failed to run says the server failed', async () => {
  for (const failure of [
    { errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail' },
    { errMsg: 'cloud.callFunction:fail Error: errCode: -404011 function not found' },
  ]) {
    invoke.mockRejectedValueOnce(failure);
    expect((await failureOf()).message).toBe(SERVER_FAILED);
  }
});

test('a call that got no reply says the network failed', async () => {
  for (const failure of [
    new TypeError('Failed to fetch'),
    { errMsg: 'cloud.callFunction:fail request:fail' },
    { errMsg: 'cloud.callFunction:fail timeout' },
  ]) {
    invoke.mockRejectedValueOnce(failure);
    const error = await failureOf();
    expect(error.message).toBe(NETWORK_FAILED);
    expect(error.reason).toBe('network.unavailable');
  }
});

test("the server's own refusal keeps its code, reason and words", async () => {
  invoke.mockResolvedValueOnce({
    ok: false,
    error: { code: 'FORBIDDEN', reason: 'audit.forbidden', message: '只有社区管理员可以查看' },
  });
  const error = await failureOf();
  expect(error).toMatchObject({ code: 'FORBIDDEN', reason: 'audit.forbidden', message: '只有社区管理员可以查看' });
});

test('the classifiers agree with the call: transport vs reply', () => {
  expect(transportFailure(new ServerReplyError(500)).reason).toBe('server.failed');
  expect(transportFailure(new Error('ECONNREFUSED')).reason).toBe('network.unavailable');
  expect(replyFailure(null).message).toBe(SERVER_FAILED);
});
