/**
 * Spreadsheets for import in the browser (local mode): a file input, checked (csv or xlsx, at
 * most 4 MB), then `POST /api/local/upload` with the raw bytes, which stores the file under
 * `imports/<yyyymmdd>/…` and yields a `cloud://` file id as wx.cloud.uploadFile does. Taro uses
 * this file instead of pick-file.ts in the h5 build.
 */
// Not from './pick-file': in the h5 build that name resolves to this very file.
import { checkSpreadsheet, formatOf, type OnProgress, type PickedFile } from './spreadsheet-file';

export type { OnProgress, PickedFile } from './spreadsheet-file';

export function pickSpreadsheet(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.setAttribute('data-testid', 'file-input');
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      const problem = checkSpreadsheet(file.name, file.size);
      if (problem) return reject(new Error(problem));
      resolve({ name: file.name, format: formatOf(file.name)!, size: file.size, source: file });
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** Uploads the chosen file; resolves its `cloud://` file id, rejects with a Chinese message. */
export function uploadSpreadsheet(file: PickedFile, onProgress?: OnProgress): Promise<string> {
  const body = file.source as File;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/local/upload');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(`import.${file.format}`));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new Error('文件上传失败，请检查网络后重试'));
    xhr.onload = () => {
      let reply: { ok?: boolean; data?: { fileID?: string }; error?: { message?: string } } = {};
      try {
        reply = JSON.parse(xhr.responseText) as typeof reply;
      } catch {
        // handled below
      }
      if (reply.ok && reply.data?.fileID) resolve(reply.data.fileID);
      else reject(new Error(reply.error?.message ?? '文件上传失败，请重试'));
    };
    xhr.send(body);
  });
}

/** Locally an unused upload stays in the data directory (the import deletes the files it reads). */
export function discardSpreadsheet(fileID: string): void {
  void fileID;
}
