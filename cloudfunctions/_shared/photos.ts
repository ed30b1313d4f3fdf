/**
 * Photos people attach (wishes, fulfilments, topics, opinions, progress): `cloud://` file ids
 * the client uploaded to THIS environment's storage. Invariants:
 * - an id is accepted only when its environment segment (`cloud://<env>.<bucket>/<path>`) is
 *   this function's environment (`TCB_ENV` / `SCF_NAMESPACE`; locally `local-dev`), its path
 *   is plain, and the file exists (checked with the same getTempFileURL call that yields URLs);
 * - every response resolves all of its photos with one batched getTempFileURL call (CloudBase
 *   takes at most 50 ids a call, so a page with more photos than that uses one call per 50).
 * Each area turns a problem into its own refusal (`wish.photo-foreign`, `topic.photo-foreign`…).
 */
import { cloudbase } from './database';

const MAX_PER_CALL = 50;

function currentEnv(): string | null {
  return process.env.TCB_ENV || process.env.SCF_NAMESPACE || null;
}

/** True for `cloud://<env>.<bucket>/<path>` of this environment with a safe path. */
export function isOwnFileId(fileId: string): boolean {
  const m = /^cloud:\/\/([^./\s]+)\.([^/\s]+)\/(\S+)$/.exec(fileId);
  if (!m) return false;
  const env = currentEnv();
  if (env && m[1] !== env) return false;
  const path = m[3]!;
  return !path.split('/').some((part) => part === '' || part === '.' || part === '..');
}

interface TempUrl {
  fileID?: string;
  tempFileURL?: string;
  code?: string;
}

/** file id → temporary URL ('' for a file that does not exist), for every id given. */
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

export function toPhotos(
  fileIds: readonly string[],
  urls: ReadonlyMap<string, string>,
): Array<{ fileId: string; url: string }> {
  return fileIds.map((fileId) => ({ fileId, url: urls.get(fileId) ?? '' }));
}

/** What can be wrong with attached photos, and what the person is told. */
export type PhotoProblem = 'photo-foreign' | 'photo-duplicate' | 'photo-missing';
export const photoProblemMessages: Record<PhotoProblem, string> = {
  'photo-foreign': '图片地址不正确，请重新上传',
  'photo-duplicate': '同一张图片上传了多次',
  'photo-missing': '图片不存在或已过期，请重新上传',
};

/** The attached photos' URLs, or the first problem: foreign or malformed, repeated, missing. */
export async function attachedPhotoUrls(
  fileIds: readonly string[],
): Promise<{ urls: Map<string, string> } | { problem: PhotoProblem }> {
  if (fileIds.length === 0) return { urls: new Map() };
  if (!fileIds.every(isOwnFileId)) return { problem: 'photo-foreign' };
  if (new Set(fileIds).size !== fileIds.length) return { problem: 'photo-duplicate' };
  const urls = await tempUrls(fileIds);
  if (fileIds.some((id) => !urls.get(id))) return { problem: 'photo-missing' };
  return { urls };
}
