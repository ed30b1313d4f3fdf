/**
 * The uploaded import file in cloud storage: which file ids are accepted, reading one with a
 * size cap, and deleting it once the import is over.
 * Invariants:
 *  - only `cloud://<env>.<bucket>/imports/<yyyymmdd>/<random>.csv|xlsx` of THIS environment
 *    (`TCB_ENV` / `SCF_NAMESPACE`; locally any) is read — anything else is VALIDATION
 *    `org.import-file-path`, so the function can never be pointed at a photo or another folder;
 *  - a file is read through its temporary URL (one getTempFileURL) and never more than
 *    MAX_IMPORT_BYTES + 1 bytes of it: a bigger one is LIMIT_EXCEEDED before it is parsed;
 *  - deleting is best effort (a failure is logged; the file is a leftover, not a wrong import).
 */
import { AppError } from '../../../../types/errors';
import { importPathOf, MAX_IMPORT_BYTES, type ImportFormat } from '../../../../types/import-file';
import { cloudbase } from '../../../_shared/database';

function currentEnv(): string | null {
  return process.env.TCB_ENV || process.env.SCF_NAMESPACE || null;
}

/** The format of an accepted import file id; refuses any other id. */
export function checkImportFileId(fileID: string): ImportFormat {
  const parsed = importPathOf(fileID);
  const env = currentEnv();
  if (!parsed || (env && parsed.env !== env)) {
    throw new AppError('VALIDATION', 'org.import-file-path', '文件地址不正确，请在小程序中重新选择文件上传', {
      fileID: '文件地址不正确',
    });
  }
  return parsed.format;
}

function tooLarge(): AppError {
  return new AppError(
    'LIMIT_EXCEEDED',
    'org.import-file-too-large',
    `文件过大（不超过${MAX_IMPORT_BYTES / 1024 / 1024}MB），请分成几个文件导入`,
  );
}

function missing(): AppError {
  return new AppError('NOT_FOUND', 'org.import-file-missing', '文件不存在或已过期，请重新选择文件上传');
}

/** The file's bytes (at most MAX_IMPORT_BYTES). */
export async function downloadImportFile(fileID: string): Promise<Buffer> {
  const res = await cloudbase().getTempFileURL({ fileList: [fileID] });
  const item = (res.fileList ?? [])[0] as { code?: string; tempFileURL?: string } | undefined;
  if (!item || item.code !== 'SUCCESS' || !item.tempFileURL) throw missing();
  // Node 18+ (the declared runtimes) has fetch; on an older one the SDK downloads the whole file.
  if (typeof fetch !== 'function') return checkedSize(await sdkDownload(fileID));
  const reply = await fetch(encodeURI(item.tempFileURL));
  if (reply.status === 404) throw missing();
  if (!reply.ok || !reply.body) throw new Error(`import file download failed: HTTP ${reply.status}`);
  const declared = Number(reply.headers.get('content-length') ?? NaN);
  if (declared > MAX_IMPORT_BYTES) {
    await reply.body.cancel();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = reply.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_IMPORT_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

async function sdkDownload(fileID: string): Promise<Buffer> {
  const res = (await cloudbase().downloadFile({ fileID })) as { fileContent?: Buffer };
  if (!res.fileContent) throw missing();
  return res.fileContent;
}

function checkedSize(bytes: Buffer): Buffer {
  if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge();
  return bytes;
}

/** Deletes the uploaded file; never throws. */
export async function deleteImportFile(requestId: string, fileID: string): Promise<void> {
  try {
    await cloudbase().deleteFile({ fileList: [fileID] });
  } catch (error) {
    console.error(`[org] ${requestId} could not delete the import file ${fileID}`, error);
  }
}
