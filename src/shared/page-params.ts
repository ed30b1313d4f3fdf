/** The query parameters of the current page (`?communityId=…`), the same way on every platform. */
import Taro from '@tarojs/taro';

export function pageParam(name: string): string | null {
  const value = Taro.getCurrentInstance().router?.params?.[name];
  return typeof value === 'string' && value.length > 0 ? decodeURIComponent(value) : null;
}
