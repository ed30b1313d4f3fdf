/**
 * The privacy-bound WeChat APIs the app uses, each behind the privacy gate: the call waits for
 * the person's agreement (our popup asks when needed) and rejects with PrivacyRefusedError
 * (a Chinese message) when they refuse. Code elsewhere calls these, never Taro.<api> directly;
 * tests/privacy/static.test.ts checks that.
 *
 * Which APIs are privacy-bound is WeChat's list (小程序用户隐私保护指引内容介绍): here
 * chooseMedia (收集你选中的照片或视频信息), chooseMessageFile (收集你选中的文件) and
 * saveImageToPhotosAlbum (使用你的相册（仅写入）权限). scanCode is not on the list.
 */
import Taro from '@tarojs/taro';
import { ensurePrivacyAgreed } from './index';

/** Photos for a wish, a fulfilment, a topic or an opinion. */
export async function chooseMedia(option: Taro.chooseMedia.Option): Promise<Taro.chooseMedia.SuccessCallbackResult> {
  await ensurePrivacyAgreed();
  return Taro.chooseMedia(option);
}

/** A household spreadsheet from a chat (src/shared/pick-file.ts switches to this at merge). */
export async function chooseMessageFile(
  option: Taro.chooseMessageFile.Option,
): Promise<Taro.chooseMessageFile.SuccessCallbackResult> {
  await ensurePrivacyAgreed();
  return Taro.chooseMessageFile(option);
}

/** The volunteer service record saved as a picture. */
export async function saveImageToPhotosAlbum(
  option: Taro.saveImageToPhotosAlbum.Option,
): Promise<TaroGeneral.CallbackResult> {
  await ensurePrivacyAgreed();
  return Taro.saveImageToPhotosAlbum(option);
}
