/**
 * The persona chosen in local mode, kept in storage so a reload keeps it. Only the h5
 * transport and the persona switcher read it; the WeChat build never does.
 */
import Taro from '@tarojs/taro';

const KEY = 'local-openid';
type Listener = (openid: string | null) => void;
const listeners = new Set<Listener>();

export function getLocalOpenid(): string | null {
  const value: unknown = Taro.getStorageSync(KEY);
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function setLocalOpenid(openid: string | null): void {
  if (openid) Taro.setStorageSync(KEY, openid);
  else Taro.removeStorageSync(KEY);
  for (const listener of listeners) listener(openid);
}

export function onLocalOpenidChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
