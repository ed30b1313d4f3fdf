/**
 * The local server is safe to leave running (docs/adr/0012): /admin only with the per-start
 * token, never from a browser or a foreign Host; a request naming another host (DNS
 * rebinding), carrying a foreign Origin, or a CORS preflight is refused; only an upload URL
 * the function was issued may be PUT, once, before it expires, and never over an existing
 * file; malformed requests are 4xx envelopes, never 500; a body over the limit is a 413 and
 * the connection is closed, so nothing hangs and the next connection is served.
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStorage, UPLOAD_GRANT_MS } from '../../emulator/storage/local-storage';
import { startTestServer, type TestServer } from '../support/in-process-server';

let server: TestServer;
let host: string;
beforeAll(async () => {
  server = await startTestServer();
  host = new URL(server.url).host;
});
afterAll(() => server.stop());

// The smallest valid PNG (1×1 transparent pixel).
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082',
  'hex',
);
const otherPng = Buffer.concat([png, Buffer.from('different bytes')]);

const admin = () => `${server.url}/admin/${server.adminToken}`;
const adminCall = async (body: unknown) =>
  (await (await fetch(admin(), { method: 'POST', body: JSON.stringify(body) })).json()) as Record<string, any>;

/**
 * Sends raw bytes on a fresh connection and resolves with everything the server wrote once it
 * closes the connection; fails when it is still open after `timeoutMs` (a hanging connection).
 */
function raw(request: string | Buffer, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      const received = Buffer.concat(chunks).toString('utf8');
      reject(new Error(`connection still open after ${timeoutMs} ms; received: ${JSON.stringify(received)}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset after the reply is fine
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.write(request);
  });
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as any;

describe('/admin', () => {
  test('answers the SDK protocol only under the per-start token', async () => {
    const ok = await adminCall({ action: 'database.calculateDocument', collectionName: 'users', query: '{}' });
    expect(ok.data).toEqual({ total: expect.any(Number) });
    for (const path of ['/admin', '/admin/', '/admin/guess', `/admin/${server.adminToken}x`, '/admin?x=1']) {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        body: JSON.stringify({ action: 'database.removeDocument', collectionName: 'users', query: '{}', multi: true }),
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'admin.token' } });
    }
    expect(
      (await adminCall({ action: 'database.calculateDocument', collectionName: 'users', query: '{}' })).data,
    ).toEqual(ok.data);
  });

  test('the token is random per start and written to the data directory for local tools only', () => {
    expect(server.adminToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const file = join(server.dataDir, '.admin-token');
    expect(readFileSync(file, 'utf8').trim()).toBe(server.adminToken);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  test('refuses any browser request, even with the token and from its own origin', async () => {
    const browsers: Array<Record<string, string>> = [
      { origin: server.url },
      { origin: 'http://evil.example' },
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of browsers) {
      const res = await fetch(admin(), {
        method: 'POST',
        headers,
        body: JSON.stringify({ action: 'database.calculateDocument', collectionName: 'users', query: '{}' }),
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN', reason: 'request.cross-origin' } });
    }
  });

  test('a body that is not a JSON object is a 400 envelope, not a 500', async () => {
    for (const body of ['{not json', '[1,2]', 'null', '"text"', '']) {
      const res = await fetch(admin(), { method: 'POST', body });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'request.malformed' } });
    }
  });
});

describe('Host, Origin and preflight', () => {
  test('refuses a request that names another host (DNS rebinding), on every route', async () => {
    for (const path of [`/admin/${server.adminToken}`, '/api/functions/system', '/api/local/personas', '/']) {
      const response = await raw(
        `POST ${path} HTTP/1.1\r\nHost: rebind.evil.example:${server.port}\r\nContent-Type: application/json\r\n` +
          `Content-Length: 2\r\nConnection: close\r\n\r\n{}`,
      );
      expect(statusOf(response)).toBe(403);
      expect(bodyOf(response)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'request.host' } });
    }
    const noHost = await raw('GET /api/health HTTP/1.0\r\n\r\n');
    expect(statusOf(noHost)).toBe(403);
    const loopbackName = await raw(
      `GET /api/health HTTP/1.1\r\nHost: localhost:${server.port}\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOf(loopbackName)).toBe(200);
  });

  test('refuses a foreign Origin, and serves the page’s own origin', async () => {
    const call = (origin: string) =>
      fetch(`${server.url}/api/functions/system`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'nope', data: {} }),
      });
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`, `https://${host}`]) {
      const res = await call(origin);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN', reason: 'request.cross-origin' } });
    }
    const own = await call(server.url);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ ok: false, error: { reason: 'action.unknown' } });
  });

  test('refuses a CORS preflight and never grants CORS', async () => {
    for (const path of [`/admin/${server.adminToken}`, '/api/functions/system', '/api/local/upload']) {
      const res = await fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('uploads', () => {
  const metadata = async (path: string) =>
    (await adminCall({ action: 'storage.getUploadMetadata', path })).data as { url: string; fileId: string };
  const fileOf = (path: string) => join(server.dataDir, 'storage', path);

  test('only a URL the function was issued may be PUT, once', async () => {
    const { url } = await metadata('wishes/a/issued.png');
    expect(new URL(url).searchParams.get('sign')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const unsigned = await fetch(url.split('?')[0]!, { method: 'PUT', body: png });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>AccessDenied</Code>');
    const forged = await fetch(`${url.split('?')[0]}?sign=guess`, { method: 'PUT', body: png });
    expect(forged.status).toBe(403);
    expect(existsSync(fileOf('wishes/a/issued.png'))).toBe(false);

    expect((await fetch(url, { method: 'PUT', body: png })).status).toBe(200);
    const again = await fetch(url, { method: 'PUT', body: otherPng });
    expect(again.status).toBe(403);
    expect(readFileSync(fileOf('wishes/a/issued.png')).equals(png)).toBe(true);
  });

  test('a URL issued for one path cannot write another', async () => {
    const { url } = await metadata('wishes/a/mine.png');
    const sign = new URL(url).searchParams.get('sign');
    const res = await fetch(`${server.url}/storage/wishes/a/yours.png?sign=${sign}`, { method: 'PUT', body: png });
    expect(res.status).toBe(403);
    expect(existsSync(fileOf('wishes/a/yours.png'))).toBe(false);
  });

  test('an anonymous PUT never overwrites an uploaded photo, not even with a fresh URL for it', async () => {
    const upload = await fetch(`${server.url}/api/local/upload`, {
      method: 'POST',
      headers: { 'x-file-name': 'photo.png' },
      body: png,
    });
    const { fileID } = ((await upload.json()) as { data: { fileID: string } }).data;
    const path = fileID.replace('cloud://local-dev.local/', '');
    const before = statSync(fileOf(path)).mtimeMs;
    const anonymous = await fetch(`${server.url}/storage/${path}`, { method: 'PUT', body: otherPng });
    expect(anonymous.status).toBe(403);
    const { url } = await metadata(path);
    const overwrite = await fetch(url, { method: 'PUT', body: otherPng });
    expect(overwrite.status).toBe(409);
    expect(await overwrite.text()).toContain('<Code>FileAlreadyExists</Code>');
    expect(readFileSync(fileOf(path)).equals(png)).toBe(true);
    expect(statSync(fileOf(path)).mtimeMs).toBe(before);
  });

  test('an upload URL expires', () => {
    let now = 1_000_000;
    const storage = new LocalStorage(
      mkdtempSync(join(tmpdir(), 'hongse-storage-')),
      'local-dev',
      () => '',
      () => now,
    );
    const issue = (path: string) => {
      const reply = storage.handle({ action: 'storage.getUploadMetadata', path }) as { data: { url: string } };
      return new URL(reply.data.url, 'http://local').searchParams.get('sign');
    };
    const fresh = issue('a/fresh.png');
    const stale = issue('a/stale.png');
    now += UPLOAD_GRANT_MS - 1;
    expect(storage.redeem('a/fresh.png', fresh)).toBeNull();
    now += 1;
    expect(storage.redeem('a/stale.png', stale)).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  test('the SDK still uploads through its issued URL, and cannot upload over the same file twice', async () => {
    const { cloudbase } = await import('../../cloudfunctions/_shared/database');
    const app = cloudbase();
    const { fileID } = await app.uploadFile({ cloudPath: 'wishes/sdk/once.png', fileContent: png });
    expect(fileID).toBe('cloud://local-dev.local/wishes/sdk/once.png');
    await expect(app.uploadFile({ cloudPath: 'wishes/sdk/once.png', fileContent: otherPng })).rejects.toThrow(
      '[FileAlreadyExists]: a file already exists at this path',
    );
    expect(readFileSync(fileOf('wishes/sdk/once.png')).equals(png)).toBe(true);
  });
});

describe('malformed requests', () => {
  test('a malformed percent-encoding in a path is a 400 envelope, never a 500', async () => {
    for (const path of ['/storage/%E0%A4%A', '/storage/%', '/%E0%A4%A', '/pages/%zz']) {
      for (const method of ['GET', 'PUT']) {
        const res = await fetch(`${server.url}${path}`, { method, ...(method === 'PUT' ? { body: png } : {}) });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION', reason: 'request.malformed-path' },
        });
      }
    }
  });

  test('a non-JSON body to a function is a 400 envelope', async () => {
    for (const body of ['{not json', '[]', 'null', '']) {
      const res = await fetch(`${server.url}/api/functions/system`, { method: 'POST', body });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION', reason: 'request.malformed' } });
    }
  });

  test('a function path is routed the same with or without the URL parser: dot segments, a query, percent-encoding', async () => {
    const post = (target: string) =>
      raw(
        `POST ${target} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n` +
          'Content-Length: 9\r\nConnection: close\r\n\r\n{not json',
      );
    // Reaching the function route, a body that is not JSON is refused as malformed.
    for (const target of ['/api/functions/system', '/api/functions/x/../system', '/api/functions/system?x=1']) {
      const response = await post(target);
      expect([target, statusOf(response), bodyOf(response).error.reason]).toEqual([target, 400, 'request.malformed']);
    }
    // A percent-encoded name is not decoded into a function name (as URL.pathname leaves it).
    const encoded = await post('/api/functions/%73ystem');
    expect([statusOf(encoded), bodyOf(encoded).error.reason]).toEqual([404, 'route.unknown']);
  });

  test('a wrong method is a 405 envelope naming the allowed ones', async () => {
    const cases: Array<[string, string]> = [
      ['GET', '/api/functions/system'],
      ['GET', `/admin/${server.adminToken}`],
      ['DELETE', '/storage/wishes/x.png'],
      ['GET', '/api/local/upload'],
      ['POST', '/api/local/outbox'],
      ['POST', '/api/local/personas'],
      ['GET', '/api/local/timers/points/close-quarters'],
      ['POST', '/index.html'],
      ['PATCH', '/'],
    ];
    for (const [method, path] of cases) {
      const res = await fetch(`${server.url}${path}`, { method });
      expect([method, path, res.status]).toEqual([method, path, 405]);
      expect(res.headers.get('allow')).toBeTruthy();
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'request.method' } });
    }
  });
});

describe('bodies over the limit', () => {
  const head = (path: string, extra: string) =>
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n${extra}\r\n`;

  test('a declared length over the limit is a 413 at once, the connection closes, the next one is served', async () => {
    const response = await raw(head('/api/functions/system', `Content-Length: ${2 * 1024 * 1024}\r\n`) + '{"action":');
    expect(statusOf(response)).toBe(413);
    expect(response.toLowerCase()).toContain('connection: close');
    expect(bodyOf(response)).toMatchObject({
      ok: false,
      error: { code: 'LIMIT_EXCEEDED', reason: 'request.too-large' },
    });
    const next = await raw(`GET /api/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(next)).toBe(200);
  });

  test('a chunked body that grows over the limit is a 413 and the connection closes', async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const chunks = Array.from({ length: 6 }, () =>
      Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
    );
    const response = await raw(
      Buffer.concat([Buffer.from(head('/api/functions/system', 'Transfer-Encoding: chunked\r\n')), ...chunks]),
    );
    expect(statusOf(response)).toBe(413);
    expect(response.toLowerCase()).toContain('connection: close');
    const next = await fetch(`${server.url}/api/health`);
    expect(next.status).toBe(200);
  });

  test('an /admin body and an upload over their limits are 413s too', async () => {
    const adminTooBig = await raw(head(`/admin/${server.adminToken}`, `Content-Length: ${17 * 1024 * 1024}\r\n`));
    expect(statusOf(adminTooBig)).toBe(413);
    const uploadTooBig = await raw(
      `POST /api/local/upload HTTP/1.1\r\nHost: ${host}\r\nX-File-Name: a.png\r\nContent-Length: ${6 * 1024 * 1024}\r\n\r\n`,
    );
    expect(statusOf(uploadTooBig)).toBe(413);
    expect(bodyOf(uploadTooBig)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '图片不能超过5MB' },
    });
    const { url } = (await adminCall({ action: 'storage.getUploadMetadata', path: 'wishes/big/a.png' })).data as {
      url: string;
    };
    const target = new URL(url);
    const putTooBig = await raw(
      `PUT ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: ${6 * 1024 * 1024}\r\n\r\n`,
    );
    expect(statusOf(putTooBig)).toBe(413);
    expect(putTooBig).toContain('<Code>EntityTooLarge</Code>');
  });
});
