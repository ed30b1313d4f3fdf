/**
 * Saving an exported spreadsheet in WeChat: written to the user data folder, then opened with
 * the system viewer (from where it can be forwarded). save-file.h5.ts downloads it instead.
 */
import Taro from '@tarojs/taro';
import { writeUserFile } from './write-file';

export async function saveSpreadsheet(fileName: string, base64: string): Promise<void> {
  const filePath = await writeUserFile(fileName, base64, '保存文件失败，请重试');
  try {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
  } catch {
    throw new Error('无法打开文件，请稍后重试');
  }
}
