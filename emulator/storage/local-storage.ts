/**
 * Local cloud storage: files under `<dataDir>/storage/`, addressed by CloudBase-style file ids
 * (`cloud://<env>.local/<path>`). Speaks the SDK's storage actions on `/admin`
 * (getUploadMetadata → a PUT to this server; batchGetDownloadUrl; batchDeleteFile) and serves
 * the files over HTTP. Invariants: a path never leaves the storage folder; types and sizes are
 * checked at upload (images only, ≤ 5 MB), as the app's rules demand.
 */
import { createReadStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const imageTypes: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

export class LocalStorage {
  private readonly root: string;

  constructor(
    dataDir: string,
    private readonly envId: string,
    private readonly baseUrl: () => string,
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

  /** Stores an upload; returns its file id, or a Chinese refusal. */
  put(path: string, body: Buffer): { ok: true; fileId: string } | { ok: false; message: string } {
    if (!isSafePath(path)) return { ok: false, message: '文件路径不合法' };
    if (!imageTypes[extname(path).toLowerCase()]) return { ok: false, message: '只能上传 jpg、png、webp 或 gif 图片' };
    if (body.length === 0) return { ok: false, message: '文件为空' };
    if (body.length > MAX_UPLOAD_BYTES) return { ok: false, message: '图片不能超过5MB' };
    if (!looksLikeImage(body)) return { ok: false, message: '文件内容不是图片' };
    const file = this.fileFor(path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
    return { ok: true, fileId: this.fileId(path) };
  }

  /** The SDK's `storage.*` actions. */
  handle(body: Record<string, unknown>): Record<string, unknown> {
    const requestId = `local-${Date.now().toString(36)}`;
    switch (body.action) {
      case 'storage.getUploadMetadata': {
        const path = String(body.path ?? '');
        if (!isSafePath(path)) return { requestId, code: 'INVALID_PARAM', message: 'invalid cloudPath' };
        return {
          requestId,
          data: {
            url: this.url(path),
            token: 'local',
            authorization: 'local',
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
      'content-type': imageTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
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
