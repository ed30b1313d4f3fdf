/**
 * Local cloud storage: files under `<dataDir>/storage/`, addressed by CloudBase-style file ids
 * (`cloud://<env>.local/<path>`). Speaks the SDK's storage actions on `/admin`
 * (getUploadMetadata → a PUT to this server; batchGetDownloadUrl; batchDeleteFile) and serves
 * the files over HTTP. Invariants: a path never leaves the storage folder; types and sizes are
 * checked at upload (≤ 5 MB; images anywhere, and under `imports/` only csv or xlsx household
 * import files — docs/adr/0023), as the app's rules demand; like a COS pre-signed URL,
 * the upload URL `getUploadMetadata` hands out carries a random one-time signature bound to its
 * path and valid for UPLOAD_GRANT_MS: a PUT without one, with an expired or used one, or to
 * another path is refused, and a PUT never overwrites an existing file.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** How long an upload URL stays valid (the SDK signs its own requests for 600 s). */
export const UPLOAD_GRANT_MS = 10 * 60 * 1000;
const MAX_OPEN_GRANTS = 10_000;

/** Why a PUT to an upload URL is refused, as COS would name it. */
export type PutRefusal = { status: number; code: string; message: string };
const imageTypes: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/** Spreadsheets the household import reads, accepted only under this folder. */
export const IMPORT_FOLDER = 'imports/';
const importTypes: Record<string, string> = {
  '.csv': 'text/csv',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Why a file may not be stored at `path`, in Chinese, or null. */
function refusalFor(path: string, body: Buffer): string | null {
  const ext = extname(path).toLowerCase();
  if (path.startsWith(IMPORT_FOLDER)) {
    if (!importTypes[ext]) return '导入文件只能是 csv 或 xlsx';
    if (body.length === 0) return '文件为空';
    if (body.length > MAX_UPLOAD_BYTES) return '文件不能超过5MB';
    // xlsx is a zip; csv is text (no NUL bytes in UTF-8 or GBK text).
    if (ext === '.xlsx' ? body.subarray(0, 4).toString('hex') !== '504b0304' : body.includes(0)) {
      return '文件内容与格式不符';
    }
    return null;
  }
  if (!imageTypes[ext]) return '只能上传 jpg、png、webp 或 gif 图片';
  if (body.length === 0) return '文件为空';
  if (body.length > MAX_UPLOAD_BYTES) return '图片不能超过5MB';
  if (!looksLikeImage(body)) return '文件内容不是图片';
  return null;
}

export class LocalStorage {
  private readonly root: string;
  /** Open upload grants: signature → the path it may write and until when. */
  private readonly grants = new Map<string, { path: string; expiresAt: number }>();

  constructor(
    dataDir: string,
    private readonly envId: string,
    private readonly baseUrl: () => string,
    private readonly now: () => number = Date.now,
  ) {
    this.root = resolve(join(dataDir, 'storage'));
    mkdirSync(this.root, { recursive: true });
  }

  fileId(path: string): string {
    return `cloud://${this.envId}.local/${path}`;
  }

  /** The storage path of a file id, or null when it is not a valid id of this environment. */
  pathOf(fileId: string): string | null {
    const prefix = `cloud://${this.envId}.local/`;
    if (!fileId.startsWith(prefix)) return null;
    const path = fileId.slice(prefix.length);
    return isSafePath(path) ? path : null;
  }

  private fileFor(path: string): string {
    const file = resolve(join(this.root, path));
    if (!file.startsWith(this.root + sep)) throw new Error('path escapes storage');
    return file;
  }

  url(path: string): string {
    return `${this.baseUrl()}/storage/${path.split('/').map(encodeURIComponent).join('/')}`;
  }

  /** Issues a one-time upload signature for `path` (getUploadMetadata). */
  private grant(path: string): string {
    const now = this.now();
    for (const [sign, g] of this.grants) if (g.expiresAt <= now) this.grants.delete(sign);
    if (this.grants.size >= MAX_OPEN_GRANTS) this.grants.delete(this.grants.keys().next().value as string);
    const sign = randomBytes(24).toString('base64url');
    this.grants.set(sign, { path, expiresAt: now + UPLOAD_GRANT_MS });
    return sign;
  }

  /**
   * Checks (and uses up) the signature of a PUT to `path`; null when the PUT may go on.
   * A signature is spent by its first PUT, whatever that PUT's outcome.
   */
  redeem(path: string, sign: string | null): PutRefusal | null {
    const grant = sign ? this.grants.get(sign) : undefined;
    if (!grant || !sign || grant.path !== path) {
      return { status: 403, code: 'AccessDenied', message: 'upload URL not issued for this path' };
    }
    this.grants.delete(sign);
    if (grant.expiresAt <= this.now()) return { status: 403, code: 'AccessDenied', message: 'upload URL expired' };
    if (isSafePath(path) && existsSync(this.fileFor(path))) {
      return { status: 409, code: 'FileAlreadyExists', message: 'a file already exists at this path' };
    }
    return null;
  }

  /** Stores an upload; returns its file id, or a Chinese refusal. Never overwrites a file. */
  put(path: string, body: Buffer): { ok: true; fileId: string } | { ok: false; message: string } {
    if (!isSafePath(path)) return { ok: false, message: '文件路径不合法' };
    const refused = refusalFor(path, body);
    if (refused) return { ok: false, message: refused };
    const file = this.fileFor(path);
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, body, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { ok: false, message: '文件已存在' };
      throw error;
    }
    return { ok: true, fileId: this.fileId(path) };
  }

  /** The SDK's `storage.*` actions. */
  handle(body: Record<string, unknown>): Record<string, unknown> {
    const requestId = `local-${Date.now().toString(36)}`;
    switch (body.action) {
      case 'storage.getUploadMetadata': {
        const path = String(body.path ?? '');
        if (!isSafePath(path)) return { requestId, code: 'INVALID_PARAM', message: 'invalid cloudPath' };
        const sign = this.grant(path);
        return {
          requestId,
          data: {
            url: `${this.url(path)}?sign=${sign}`,
            token: sign,
            authorization: sign,
            fileId: this.fileId(path),
            cosFileId: path,
          },
        };
      }
      case 'storage.batchGetDownloadUrl': {
        const list = Array.isArray(body.file_list) ? (body.file_list as Array<{ fileid?: unknown }>) : [];
        return {
          requestId,
          data: {
            download_list: list.map((item) => {
              const fileID = String(item.fileid ?? '');
              const path = this.pathOf(fileID);
              const exists = path !== null && existsSync(this.fileFor(path));
              const url = exists && path ? this.url(path) : '';
              return {
                fileID,
                fileid: fileID,
                tempFileURL: url,
                download_url: url,
                code: exists ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST',
              };
            }),
          },
        };
      }
      case 'storage.batchDeleteFile': {
        const ids = Array.isArray(body.fileid_list) ? (body.fileid_list as unknown[]).map(String) : [];
        return {
          requestId,
          data: {
            delete_list: ids.map((fileID) => {
              const path = this.pathOf(fileID);
              if (!path || !existsSync(this.fileFor(path))) return { fileID, code: 'STORAGE_FILE_NONEXIST' };
              rmSync(this.fileFor(path));
              return { fileID, code: 'SUCCESS' };
            }),
          },
        };
      }
      default:
        return { requestId, code: 'INVALID_PARAM', message: `unsupported storage action ${String(body.action)}` };
    }
  }

  /** GET /storage/<path>: serves a stored file. */
  serve(path: string, req: IncomingMessage, res: ServerResponse): void {
    if (!isSafePath(path) || !existsSync(this.fileFor(path))) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const file = this.fileFor(path);
    res.writeHead(200, {
      'content-type':
        imageTypes[extname(file).toLowerCase()] ??
        importTypes[extname(file).toLowerCase()] ??
        'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  }
}

/** Relative, no `..`, no empty segments, a conservative character set. */
export function isSafePath(path: string): boolean {
  if (path.length === 0 || path.length > 200 || path.startsWith('/')) return false;
  return path
    .split('/')
    .every((segment) => segment.length > 0 && segment !== '.' && segment !== '..' && /^[A-Za-z0-9._-]+$/.test(segment));
}

/** Magic numbers of the accepted image types. */
function looksLikeImage(body: Buffer): boolean {
  const hex = body.subarray(0, 12).toString('hex');
  return (
    hex.startsWith('ffd8ff') || // jpeg
    hex.startsWith('89504e470d0a1a0a') || // png
    hex.startsWith('47494638') || // gif
    (hex.startsWith('52494646') && body.subarray(8, 12).toString('ascii') === 'WEBP')
  );
}
