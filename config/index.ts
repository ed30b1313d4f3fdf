/**
 * Taro build configuration for both targets:
 * - `weapp`: the WeChat mini-program, output in dist/weapp (project.config.json points there);
 * - `h5`: the browser build served by the local emulator (`npm start`), output in dist/h5.
 * `LOCAL_MODE` is true only in the h5 build: local-only UI (the persona switcher) is compiled
 * out of the weapp build entirely.
 */
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { resolve } from 'node:path';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';

/** Code outside src/ that the app imports: the shared action and error types. */
const sharedSources = [resolve(__dirname, '..', 'types')];

/**
 * The weapp output must parse as ES2015 (docs/adr/0021-build-for-the-base-library.md), and
 * packages ship newer syntax (`?.`, `??=`, object spread), so for weapp every module from
 * node_modules goes through Babel too (babel.config.js holds the targets). Not Babel's own
 * runtime helpers and polyfills: compiling those with themselves makes circular imports.
 */
const nodeModules = (file: string) => /[\\/]node_modules[\\/]/.test(file);
const notCompiled = (file: string) =>
  /[\\/]node_modules[\\/](@babel[\\/]runtime|core-js|core-js-pure|regenerator-runtime)[\\/]/.test(file);

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'weapp';
  const isH5 = platform === 'h5';
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'hongse-linli',
    date: '2026-11-29',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {
      LOCAL_MODE: JSON.stringify(isH5),
      CLOUD_ENV_ID: JSON.stringify(process.env.TCB_ENV_ID ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      compile: { include: [...sharedSources, nodeModules], exclude: [notCompiled] },
      // Screens import shared styles in different orders; the rules do not overlap.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      compile: { include: sharedSources },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        // Size is watched by the weapp size test and bench/, not by webpack's desktop hints.
        chain.performance.hints(false);
      },
    },
  };
  return merge({}, baseConfig);
});
