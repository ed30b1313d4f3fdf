/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';

/** true in the h5 build served by the local emulator; false in the WeChat build. */
declare const LOCAL_MODE: boolean;
/** The CloudBase environment id the WeChat build calls (empty: the default environment). */
declare const CLOUD_ENV_ID: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5';
  }
}
