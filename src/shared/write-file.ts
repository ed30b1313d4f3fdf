/**
 * Writing base64 data to a file in the mini-program's user data folder (WeChat only), for the
 * screens that then open or save it (a spreadsheet, a service record image).
 */
import Taro from '@tarojs/taro';

/** Writes `base64` to `USER_DATA_PATH/<name>` and returns the path; rejects with `failMessage` (Chinese, shown as is). */
export async function writeUserFile(name: string, base64: string, failMessage: string): Promise<string> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${name}`;
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: base64,
      encoding: 'base64',
      success: () => resolve(),
      fail: () => reject(new Error(failMessage)),
    }),
  );
  return filePath;
}
