// babel-preset-taro options and defaults: https://docs.taro.zone/docs/next/babel-config
//
// The weapp build targets the JavaScript engines of the WeChat clients the declared base library
// runs on, not the browserslist in package.json (that one is for the H5 build, a modern browser):
// the output must parse as ES2015 (docs/adr/0021-build-for-the-base-library.md). `chrome: 53` is
// the DevTools' own "compile to ES5" target for Android; `ios: 10` keeps ES2015 syntax (classes,
// arrows, let/const, generators) and compiles everything newer — async functions (to
// generators), object spread, optional catch binding, `**`, `?.`, `??`, `??=` and class fields.
const WEAPP_TARGETS = { chrome: '53', ios: '10' };

module.exports = {
  // node_modules code is compiled for weapp too (config/index.ts); CommonJS files there must stay
  // CommonJS, so the helpers are imported the way each file already imports.
  sourceType: 'unambiguous',
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(process.env.TARO_ENV === 'weapp' ? { targets: WEAPP_TARGETS } : {}),
      },
    ],
  ],
};
