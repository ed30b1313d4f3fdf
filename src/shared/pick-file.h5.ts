/**
 * Choosing a spreadsheet in the browser (local mode): a file input, read as text (csv) or
 * base64 (xlsx). Taro uses this file instead of pick-file.ts in the h5 build.
 */
// Not from './pick-file': in the h5 build that name resolves to this very file.
import { formatOf, MAX_SPREADSHEET_BYTES, type PickedFile } from './spreadsheet-file';

export type { PickedFile } from './spreadsheet-file';

function readAs(file: File, format: 'csv' | 'xlsx'): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error('读取文件失败，请重试'));
    reader.onload = () => {
      const result = String(reader.result ?? '');
      resolve(format === 'csv' ? result : result.slice(result.indexOf(',') + 1));
    };
    if (format === 'csv') reader.readAsText(file, 'utf-8');
    else reader.readAsDataURL(file);
  });
}

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
      const format = formatOf(file.name);
      if (!format) return reject(new Error('请选择 csv 或 xlsx 文件'));
      if (file.size > MAX_SPREADSHEET_BYTES) return reject(new Error('文件过大（不超过2MB）'));
      readAs(file, format).then((content) => resolve({ name: file.name, format, content }), reject);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}
