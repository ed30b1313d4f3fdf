/**
 * Spreadsheets for import in WeChat: chosen from a chat (`chooseMessageFile`), checked (csv or
 * xlsx, at most 4 MB), then uploaded to cloud storage with `wx.cloud.uploadFile` under
 * `imports/<yyyymmdd>/<random>.<csv|xlsx>`; the function reads it by the `cloud://` file id
 * (the call itself carries only that id — WeChat limits a call's payload). pick-file.h5.ts does
 * the same in the browser.
 */
import Taro from '@tarojs/taro';
import { chooseMessageFile } from './privacy/guarded';
import { PrivacyRefusedError } from './privacy';
import { checkSpreadsheet, formatOf, newImportPath, type OnProgress, type PickedFile } from './spreadsheet-file';

export type { OnProgress, PickedFile } from './spreadsheet-file';

/**
 * Resolves null when the person cancels; rejects with a Chinese message for a wrong file or
 * when they declined the privacy agreement (the picker is privacy-bound).
 */
export async function pickSpreadsheet(): Promise<PickedFile | null> {
  let chosen: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    chosen = await chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] });
  } catch (error) {
    if (error instanceof PrivacyRefusedError) throw error;
    return null;
  }
  const file = chosen.tempFiles[0];
  if (!file) return null;
  const problem = checkSpreadsheet(file.name, file.size);
  if (problem) throw new Error(problem);
  return { name: file.name, format: formatOf(file.name)!, size: file.size, source: file.path };
}

/** Uploads the chosen file; resolves its `cloud://` file id, rejects with a Chinese message. */
export function uploadSpreadsheet(file: PickedFile, onProgress?: OnProgress): Promise<string> {
  return new Promise((resolve, reject) => {
    const task = Taro.cloud.uploadFile({
      cloudPath: newImportPath(file.format),
      filePath: String(file.source),
      success: (res) => (res.fileID ? resolve(res.fileID) : reject(new Error('文件上传失败，请重试'))),
      fail: () => reject(new Error('文件上传失败，请检查网络后重试')),
    });
    task?.onProgressUpdate?.((p) => onProgress?.(p.progress));
  });
}

/** Deletes an uploaded file the person did not import after all (best effort). */
export function discardSpreadsheet(fileID: string): void {
  try {
    Taro.cloud.deleteFile({ fileList: [fileID], fail: () => undefined });
  } catch {
    // A leftover file is harmless: the import deletes files it reads.
  }
}
