/**
 * The in-process transport of the real `@cloudbase/node-sdk` (docs/adr/0024): the SDK's
 * database (and storage, open-API) requests to the local server's `/admin/<token>` endpoint are
 * answered by the server's own `/admin` dispatcher in this process, without a loopback socket.
 *
 * Where: every request of the SDK goes through one function, `request(opts, callback)` of its
 * `dist/utils/request-core.js` (the SDK's thin wrapper over `http.request`; `request.js` reads it
 * off the module at each call). It is replaced by a function that, for a URL whose path is a
 * registered endpoint, hands the body to the endpoint and calls back the way `request-core`
 * does; any other URL (an upload to `/storage/…`, a second server, a wrong token) goes to the
 * SDK's own `request`, i.e. HTTP. Everything above it — the SDK's query building, EJSON coding,
 * request signing, retries, transactions, error mapping — is the SDK's code, unchanged.
 *
 * Invariants (what keeps the behaviour identical to HTTP):
 * - the request body is the text the SDK would send (`JSON.stringify(opts.body)`) and the reply
 *   reaches the SDK as `JSON.parse` of the text the server would send — the same JSON semantics
 *   (dropped `undefined`, dates as strings, fresh objects: nothing is shared between the two
 *   sides); status and headers are the HTTP reply's;
 * - the reply is delivered in a later macrotask (`setImmediate`), never synchronously, so
 *   concurrent calls interleave as they do with I/O; the caller's async context is kept (the
 *   request meter relies on it);
 * - only POSTs with a JSON body whose reply is read as JSON are answered in process; anything
 *   else goes over HTTP;
 * - installing is idempotent per SDK copy (one wrapper, a table of endpoints); `unregister`
 *   removes one endpoint, after which its URL is served over HTTP again.
 *
 * `HONGSE_SDK_TRANSPORT=http` (or `startServer({ sdkTransport: 'http' })`) keeps the SDK on HTTP.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type SdkTransport = 'in-process' | 'http';

/** The transport `HONGSE_SDK_TRANSPORT` selects: `http`, or `in-process` (the default). */
export function sdkTransportFromEnv(env: NodeJS.ProcessEnv = process.env): SdkTransport {
  const value = env.HONGSE_SDK_TRANSPORT;
  if (value === undefined || value === '' || value === 'in-process') return 'in-process';
  if (value === 'http') return 'http';
  throw new Error(`HONGSE_SDK_TRANSPORT must be "in-process" or "http", not "${value}"`);
}

/** What the endpoint answers: the HTTP status and the JSON body the server would send. */
export interface EndpointReply {
  status: number;
  body: unknown;
}

/** Answers one request body (the exact text the SDK would send) of the `/admin` protocol. */
export type Endpoint = (text: string) => EndpointReply;

/** The slice of the SDK's request options (`IReqOpts`) this transport reads. */
interface SdkRequestOptions {
  url?: string;
  method?: string;
  body?: unknown;
  json?: boolean;
  formData?: unknown;
}

interface SdkResponse {
  statusCode: number;
  headers: Record<string, string>;
}

type SdkCallback = (error: Error | null, response?: SdkResponse, body?: unknown) => void;
type SdkRequest = (opts: SdkRequestOptions, callback: SdkCallback) => unknown;

interface RequestCoreModule {
  request: SdkRequest;
}

/** Endpoint URL (no query) → its dispatcher; shared by every patched SDK copy. */
const endpoints = new Map<string, Endpoint>();
/** Marks the wrapper so a second install on the same copy does not wrap it twice. */
const ORIGINAL = Symbol.for('hongse.sdk-transport.original');

function inProcessRequest(original: SdkRequest): SdkRequest {
  const wrapper: SdkRequest = (opts, callback) => {
    const url = opts.url ?? '';
    const q = url.indexOf('?');
    const endpoint = endpoints.get(q < 0 ? url : url.slice(0, q));
    if (
      !endpoint ||
      opts.json !== true ||
      opts.formData !== undefined ||
      opts.body === undefined ||
      opts.body === null ||
      (opts.method ?? '').toLowerCase() !== 'post'
    ) {
      return original(opts, callback);
    }
    // What request-core writes to the socket.
    const text = JSON.stringify(opts.body);
    setImmediate(() => {
      let reply: EndpointReply;
      try {
        reply = endpoint(text);
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      // What the server writes and request-core's onResponse parses (type json).
      const out = JSON.stringify(reply.body);
      let body: unknown;
      try {
        body = out === undefined || out.length === 0 ? undefined : JSON.parse(out);
      } catch (error) {
        callback(error as Error);
        return;
      }
      callback(
        null,
        {
          statusCode: reply.status,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'content-length': String(Buffer.byteLength(out ?? '')),
            'cache-control': 'no-store',
          },
        },
        body,
      );
    });
    return undefined;
  };
  Object.defineProperty(wrapper, ORIGINAL, { value: original });
  return wrapper;
}

/** The SDK's request-core module as `requireFrom` resolves `@cloudbase/node-sdk`. */
function requestCoreOf(requireFrom: NodeJS.Require): RequestCoreModule {
  const main = requireFrom.resolve('@cloudbase/node-sdk');
  const path = join(dirname(main), 'utils', 'request-core.js');
  if (!existsSync(path)) {
    throw new Error(`@cloudbase/node-sdk at ${dirname(main)} has no utils/request-core.js (SDK version changed?)`);
  }
  const mod = requireFrom(path) as Partial<RequestCoreModule>;
  if (typeof mod.request !== 'function') throw new Error(`${path} exports no request function`);
  return mod as RequestCoreModule;
}

/** Whether the SDK copy `requireFrom` resolves sends through this transport. */
export function isInProcessTransportInstalled(requireFrom: NodeJS.Require): boolean {
  return ORIGINAL in requestCoreOf(requireFrom).request;
}

export interface InProcessTransportOptions {
  /** The endpoint's URL without query, e.g. `http://127.0.0.1:8080/admin/<token>`. */
  url: string;
  endpoint: Endpoint;
  /**
   * Directories (or files) from which `@cloudbase/node-sdk` is resolved: each distinct SDK copy
   * found is patched (the function bundles' copy, the emulator's own).
   */
  resolveFrom: string[];
}

/** Answers the SDK's requests to `url` in process; returns the unregister. */
export function installInProcessTransport({ url, endpoint, resolveFrom }: InProcessTransportOptions): () => void {
  for (const from of resolveFrom) {
    const core = requestCoreOf(createRequire(join(from, 'noop.js')));
    if (!(ORIGINAL in core.request)) core.request = inProcessRequest(core.request);
  }
  endpoints.set(url, endpoint);
  return () => {
    if (endpoints.get(url) === endpoint) endpoints.delete(url);
  };
}
