/**
 * The local host's SDK hot paths (emulator/host/sdk-hot-paths.ts, docs/adr/0039-sdk-hot-paths.md):
 * the signing key derived once, and `process.env` as a plain object — neither changes what the
 * SDK computes or reads.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  installSigningKeyCache,
  memoisedHmac,
  memoisedUrlEncode,
  snapshotEnv,
} from '../../emulator/host/sdk-hot-paths';

const root = join(__dirname, '..', '..');
const fromSdk = createRequire(createRequire(join(root, 'noop.js')).resolve('@cloudbase/node-sdk'));
const signatureMain = fromSdk.resolve('@cloudbase/signature-nodejs');
const signature = fromSdk(signatureMain) as { sign: (options: Record<string, unknown>) => { authorization: string } };
const utils = fromSdk(join(dirname(signatureMain), 'utils.js')) as {
  sha256hmac: (s: unknown, k?: unknown, e?: unknown) => unknown;
};
const { Signer } = fromSdk(join(dirname(signatureMain), 'signer.js')) as {
  Signer: { camSafeUrlEncode: (s: unknown) => unknown };
};
const libraryEncode = Signer.camSafeUrlEncode;

function request(i: number, timestamp: number, secretKey = 'local-secret-key') {
  return {
    secretId: 'local-secret-id',
    secretKey,
    method: 'post',
    url: `http://127.0.0.1:1234/admin/token?env=local-dev&seqId=seq-${i}`,
    params: { action: 'database.getDocument', collectionName: 'signups', query: `{"_id":"a:${i}"}`, limit: i },
    headers: { 'content-type': 'application/json', host: '127.0.0.1:1234', 'x-tcb-source': 'wx_client,scf' },
    withSignedParams: true,
    timestamp,
  };
}

test("with the signing key and the names' encoding cached, every Authorization header is the one the library computes unaided, across days and secrets", () => {
  const day = 86_400;
  const cases = [
    request(1, 1_800_000_000),
    request(2, 1_800_000_001),
    request(3, 1_800_000_000 + day),
    request(4, 1_800_000_000, 'another-secret'),
    request(5, 1_800_000_002),
    // Names the URL encoding changes (the memo must answer the encoded form).
    {
      ...request(6, 1_800_000_003),
      params: { action: 'database.getDocument', "it's (a*b)!": 'x', 'Upper Case': 'y', 数据: 'z' },
    },
  ];
  const original = utils.sha256hmac;
  const originalEncode = Signer.camSafeUrlEncode;
  const expected = cases.map((c) => signature.sign(c).authorization);
  installSigningKeyCache([root]);
  try {
    expect(utils.sha256hmac).not.toBe(original);
    expect(Signer.camSafeUrlEncode).not.toBe(originalEncode);
    installSigningKeyCache([root]); // idempotent: one wrapper
    const wrapped = [utils.sha256hmac, Signer.camSafeUrlEncode];
    installSigningKeyCache([root]);
    expect([utils.sha256hmac, Signer.camSafeUrlEncode]).toEqual(wrapped);
    // Twice each: the first fills the cache, the second is served from it.
    expect(cases.map((c) => signature.sign(c).authorization)).toEqual(expected);
    expect(cases.map((c) => signature.sign(c).authorization)).toEqual(expected);
  } finally {
    utils.sha256hmac = original;
    Signer.camSafeUrlEncode = originalEncode;
  }
});

test("the names' encoding memo answers what the library answers, and hands anything but a string to it", () => {
  const calls: unknown[] = [];
  const encode = memoisedUrlEncode((name) => {
    calls.push(name);
    return libraryEncode(name);
  });
  for (const name of ["it's (a*b)!", 'x-tcb-source', '数据', "it's (a*b)!", 'x-tcb-source']) {
    expect(encode(name)).toBe(libraryEncode(name));
  }
  expect(calls).toEqual(["it's (a*b)!", 'x-tcb-source', '数据']);
  encode(42);
  encode(42);
  expect(calls).toHaveLength(5);
});

test('the memo answers only the key derivation: a long string, an encoding or a foreign key goes to the library each time', () => {
  const calls: unknown[][] = [];
  const hmac = memoisedHmac((...args) => {
    calls.push(args);
    return Buffer.from(`h:${String(args[0])}:${String(args[1]).length}`);
  });
  const a = hmac('2026-12-07', 'TC3secret');
  expect(hmac('2026-12-07', 'TC3secret')).toBe(a);
  const b = hmac('tcb', a);
  expect(hmac('tcb', a)).toBe(b);
  expect(calls).toHaveLength(2);
  hmac('a string to sign that is longer than any key derivation step', b);
  hmac('2026-12-07', 'TC3secret', 'hex');
  hmac('tcb', Buffer.from(a as Buffer)); // a key it did not derive
  expect(calls).toHaveLength(5);
});

test('the environment snapshot reads and writes like process.env and hands writes back when released', () => {
  const real = process.env;
  const release = snapshotEnv();
  const releaseAgain = snapshotEnv();
  try {
    expect(process.env).not.toBe(real);
    expect(process.env.PATH).toBe(real.PATH);
    process.env.HONGSE_SNAPSHOT_TEST = 'yes';
    expect(process.env.HONGSE_SNAPSHOT_TEST).toBe('yes');
    release();
    release(); // once only
    expect(process.env.HONGSE_SNAPSHOT_TEST).toBe('yes');
  } finally {
    releaseAgain();
  }
  expect(process.env).toBe(real);
  expect(process.env.HONGSE_SNAPSHOT_TEST).toBe('yes');
  delete process.env.HONGSE_SNAPSHOT_TEST;
});
