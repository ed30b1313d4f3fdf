/**
 * Photos of topics, opinions and progress: `cloud://` file ids the client uploaded to THIS
 * environment's storage. Invariants:
 * - an id is accepted only when its environment segment is this function's environment
 *   (`TCB_ENV` / `SCF_NAMESPACE`), its path is plain, and the file exists (checked with the
 *   same getTempFileURL call that yields the URLs);
 * - a response resolves all of its photos with one batched getTempFileURL call per 50 ids.
 */
import { AppError } from '../../../types/errors';
import { cloudbase } from '../../_shared/database';

const MAX_PER_CALL = 50;

export interface Photo {
  fileId: string;
  url: string;
}

function currentEnv(): string | null {
  return process.env.TCB_ENV || process.env.SCF_NAMESPACE || null;
}

export function isOwnFileId(fileId: string): boolean {
  const m = /^cloud:\/\/([^./\s]+)\.([^/\s]+)\/(\S+)$/.exec(fileId);
  if (!m) return false;
  const env = currentEnv();
  if (env && m[1] !== env) return false;
  return !m[3]!.split('/').some((part) => part === '' || part === '.' || part === '..');
}

interface TempUrl {
  fileID?: string;
  tempFileURL?: string;
  code?: string;
}

/** file id → temporary URL ('' for a file that does not exist). */
export async function tempUrls(fileIds: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(fileIds)];
  const out = new Map<string, string>();
  for (let i = 0; i < unique.length; i += MAX_PER_CALL) {
    const chunk = unique.slice(i, i + MAX_PER_CALL);
    const res = await cloudbase().getTempFileURL({ fileList: chunk });
    for (const item of (res.fileList ?? []) as TempUrl[]) {
      if (item.fileID) out.set(item.fileID, item.code === 'SUCCESS' ? (item.tempFileURL ?? '') : '');
    }
  }
  return out;
}

export function toPhotos(fileIds: readonly string[], urls: ReadonlyMap<string, string>): Photo[] {
  return fileIds.map((fileId) => ({ fileId, url: urls.get(fileId) ?? '' }));
}

/** Checks attached photos (`field` names the input field); foreign, repeated or missing ids are VALIDATION. */
export async function checkPhotos(field: string, fileIds: readonly string[]): Promise<Map<string, string>> {
  if (fileIds.length === 0) return new Map();
  const refuse = (reason: string, message: string) =>
    new AppError('VALIDATION', `topic.${reason}`, message, { [field]: message });
  if (!fileIds.every(isOwnFileId)) throw refuse('photo-foreign', '图片地址不正确，请重新上传');
  if (new Set(fileIds).size !== fileIds.length) throw refuse('photo-duplicate', '同一张图片上传了多次');
  const urls = await tempUrls(fileIds);
  if (fileIds.some((id) => !urls.get(id))) throw refuse('photo-missing', '图片不存在或已过期，请重新上传');
  return urls;
}
