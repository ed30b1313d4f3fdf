/**
 * Two costs of the real `@cloudbase/node-sdk`'s per-request work that the local host removes
 * without changing what the SDK computes (docs/adr/0039-sdk-hot-paths.md):
 *
 * 1. **The TC3 signing key, derived once a day.** Every request the SDK sends is signed with
 *    TC3-HMAC-SHA256 (`@cloudbase/signature-nodejs`): four HMACs, of which the first three derive
 *    the signing key from the secret key, the date, the service and `tc3_request` — the same
 *    inputs all day. `installSigningKeyCache` memoises exactly those: the library's
 *    `sha256hmac(string, secret)` for a short string (≤ 32 characters) returning bytes, with a
 *    string secret or a key it returned itself. HMAC is a pure function, so every
 *    `Authorization` header is byte for byte the one the library computes unaided (tested); the
 *    fourth HMAC (of the request's string to sign) and everything else still run per request.
 *
 *    The same function also memoises the library's `Signer.camSafeUrlEncode(key)` — the URL
 *    encoding (`encodeURIComponent` and five regular-expression replacements) of every header
 *    and parameter name of every request, ≈ 15 names a request, always the same few names. It is
 *    pure (a string in, a string out), so the memo answers exactly what the library would; only
 *    a string is memoised, and the memo is cleared past 1,024 names.
 *
 * 2. **Environment reads.** The SDK reads about twenty environment variables per request
 *    (`getCloudbaseContext`, `checkIsInScf`, …); Node answers each `process.env` read with a
 *    lookup in the process's C environment (≈ 0.3 µs each, most of them for variables that are
 *    not set). `snapshotEnv` makes `process.env` a plain object with the same variables while
 *    the server runs: reads and writes through `process.env` behave as before (child processes
 *    and workers are given it); only native code that calls `getenv` itself would not see writes
 *    made meanwhile — in this process none does (a `TZ` change is the one Node itself watches,
 *    and the local server never makes one). The original object is put back when the last
 *    server using the snapshot closes.
 *
 * Invariants: installing is idempotent per library copy; the memo is bounded (cleared past 64
 * secrets or 64 strings a secret); a memoised key is never handed out for a call with an
 * encoding or a long string, so per-request values are never cached.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Hmac = (string: unknown, secret?: unknown, encoding?: unknown) => unknown;
interface SignatureUtils {
  sha256hmac: Hmac;
}
type Encode = (name: unknown) => unknown;
interface SignerClass {
  camSafeUrlEncode: Encode;
}

const MEMOISED = Symbol.for('hongse.sdk-hot-paths.memoised-hmac');
const LIMIT = 64;

/** `sha256hmac` memoised for the signing key's derivation (see above). */
export function memoisedHmac(original: Hmac): Hmac {
  const byKey = new Map<unknown, Map<string, Buffer>>();
  const derived = new WeakSet<Buffer>();
  const wrapper: Hmac = (string, secret = '', encoding) => {
    const keyOk = typeof secret === 'string' || (Buffer.isBuffer(secret) && derived.has(secret));
    if (encoding !== undefined || typeof string !== 'string' || string.length > 32 || !keyOk) {
      return original(string, secret, encoding);
    }
    let bySecret = byKey.get(secret);
    if (!bySecret) {
      if (byKey.size >= LIMIT) byKey.clear();
      bySecret = new Map();
      byKey.set(secret, bySecret);
    }
    let out = bySecret.get(string);
    if (!out) {
      const computed = original(string, secret);
      if (!Buffer.isBuffer(computed)) return computed;
      out = computed;
      if (bySecret.size >= LIMIT) bySecret.clear();
      bySecret.set(string, out);
      derived.add(out);
    }
    return out;
  };
  Object.defineProperty(wrapper, MEMOISED, { value: original });
  return wrapper;
}

/** `Signer.camSafeUrlEncode` memoised for string names (see above). */
export function memoisedUrlEncode(original: Encode): Encode {
  const memo = new Map<string, unknown>();
  const wrapper: Encode = (name) => {
    if (typeof name !== 'string') return original(name);
    let out = memo.get(name);
    if (out === undefined) {
      out = original(name);
      if (memo.size >= 1024) memo.clear();
      memo.set(name, out);
    }
    return out;
  };
  Object.defineProperty(wrapper, MEMOISED, { value: original });
  return wrapper;
}

/**
 * The signature library's `utils` module and `Signer` class as the SDK copy resolvable from
 * `from` loads them.
 */
function signatureLibraryOf(from: string): { utils: SignatureUtils; signer: SignerClass } {
  const requireFrom = createRequire(join(from, 'noop.js'));
  const sdkMain = requireFrom.resolve('@cloudbase/node-sdk');
  const fromSdk = createRequire(sdkMain);
  const main = fromSdk.resolve('@cloudbase/signature-nodejs');
  const utils = fromSdk(join(dirname(main), 'utils.js')) as Partial<SignatureUtils>;
  const signer = (fromSdk(join(dirname(main), 'signer.js')) as { Signer?: Partial<SignerClass> }).Signer;
  if (typeof utils.sha256hmac !== 'function' || typeof signer?.camSafeUrlEncode !== 'function') {
    throw new Error(
      `@cloudbase/signature-nodejs at ${dirname(main)} has no utils.sha256hmac or Signer.camSafeUrlEncode (version changed?)`,
    );
  }
  return { utils: utils as SignatureUtils, signer: signer as SignerClass };
}

/**
 * Memoises the signing key's derivation and the names' URL encoding in every SDK copy
 * resolvable from `resolveFrom`.
 */
export function installSigningKeyCache(resolveFrom: string[]): void {
  for (const from of resolveFrom) {
    const { utils, signer } = signatureLibraryOf(from);
    if (!(MEMOISED in utils.sha256hmac)) utils.sha256hmac = memoisedHmac(utils.sha256hmac);
    if (!(MEMOISED in signer.camSafeUrlEncode)) signer.camSafeUrlEncode = memoisedUrlEncode(signer.camSafeUrlEncode);
  }
}

let realEnv: NodeJS.ProcessEnv | null = null;
let users = 0;

/** Makes `process.env` a plain object with the same variables; returns the release. */
export function snapshotEnv(): () => void {
  if (users === 0) {
    realEnv = process.env;
    process.env = { ...process.env };
  }
  users++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    users--;
    if (users === 0 && realEnv) {
      // Writes made through the snapshot reach the real environment again.
      const snapshot = process.env;
      process.env = realEnv;
      for (const key of Object.keys(realEnv)) if (!(key in snapshot)) delete realEnv[key];
      Object.assign(realEnv, snapshot);
      realEnv = null;
    }
  };
}
