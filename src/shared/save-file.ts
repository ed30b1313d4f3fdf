/**
 * Saving an exported spreadsheet in WeChat: written to the user data folder, then opened with
 * the system viewer (from where it can be forwarded). save-file.h5.ts downloads it instead.
 */
import Taro from '@tarojs/taro';

export async function saveSpreadsheet(fileName: string, base64: string): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: base64,
      encoding: 'base64',
      success: () => resolve(),
      fail: () => reject(new Error('保存文件失败，请重试')),
    }),
  );
  try {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
  } catch {
    throw new Error('无法打开文件，请稍后重试');
  }
}
