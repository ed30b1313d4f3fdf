/**
 * Choosing a spreadsheet in WeChat: from a chat (`chooseMessageFile`), read as text (csv) or
 * base64 (xlsx). pick-file.h5.ts does the same with a browser file input.
 */
import Taro from '@tarojs/taro';
import { formatOf, MAX_SPREADSHEET_BYTES, type PickedFile } from './spreadsheet-file';

export type { PickedFile } from './spreadsheet-file';

/** Resolves null when the person cancels; rejects with a Chinese message for a wrong file. */
export async function pickSpreadsheet(): Promise<PickedFile | null> {
  let chosen: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] });
  } catch {
    return null;
  }
  const file = chosen.tempFiles[0];
  if (!file) return null;
  const format = formatOf(file.name);
  if (!format) throw new Error('请选择 csv 或 xlsx 文件');
  if (file.size > MAX_SPREADSHEET_BYTES) throw new Error('文件过大（不超过2MB）');
  const content = await new Promise<string>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: format === 'csv' ? 'utf8' : 'base64',
      success: (res) => resolve(String(res.data)),
      fail: () => reject(new Error('读取文件失败，请重试')),
    }),
  );
  return { name: file.name, format, content };
}
