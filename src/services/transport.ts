/**
 * WeChat transport: a cloud function call through `wx.cloud`. The caller's identity is added
 * by CloudBase itself (the OPENID of the WeChat user); nothing here says who the caller is.
 */
import Taro from '@tarojs/taro';

export interface FunctionRequest {
  action: string;
  data: unknown;
}

export async function invokeFunction(name: string, request: FunctionRequest): Promise<unknown> {
  const res = await Taro.cloud.callFunction({ name, data: { ...request } });
  return res.result;
}
