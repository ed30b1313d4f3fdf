/**
 * Loads a page of the real WeChat build (dist/weapp) into miniprogram-simulate, so a test can
 * see what the mini-program renders without WeChat DevTools.
 *
 * miniprogram-simulate (with j-component and the official `wcc` template compiler from
 * miniprogram-compiler) renders *custom components*; a Taro build is a mini-program *app*.
 * The gap is bridged by a few shims, each installed fresh for every load:
 *
 * - `wx.cloud`: the build calls `Taro.cloud.callFunction`, and Taro binds `Taro.cloud` to
 *   `wx.cloud` when taro.js initialises, so the stub has to be on `wx` before app.js runs. It
 *   records every call and answers with whatever the test's handler returns as `result`.
 *   The rest of `wx` (getSystemInfoSync, canIUse, …) is simulate's own mock API.
 * - `App()`: app.js ends with `App(config)`. The shim keeps the config and then runs its
 *   onLaunch/onShow, as WeChat does at start-up (that is where the app calls `wx.cloud.init`).
 * - `getApp()` / `getCurrentPages()`: taro.js reads both as bare globals while it initialises
 *   (`Taro.getApp = getApp || …`), so they must exist or it throws a ReferenceError.
 * - `Page()`: a Taro page ends with `Page(config)`, but simulate's `load()` only understands
 *   `Component(definition)`. The shim re-registers the page as a component: every function of
 *   the page config becomes a method (Taro's templates bind events to page methods such as
 *   `eh`), and the page lifecycle is driven from the component lifetimes — attached → onLoad +
 *   onShow, ready → onReady, detached → onUnload.
 * - Load order: a page chunk only pushes itself onto `wx.webpackJsonp`; it is app.js that
 *   requires runtime.js, taro.js and vendors.js (and holds React). So app.js is required first,
 *   exactly as WeChat evaluates app.js before any page.
 * - Fresh runtime per load: webpack's chunk loader evaluates a page chunk only once per `wx`,
 *   and Taro keeps the current page and app in module state, so each load runs in
 *   `jest.isolateModules` with a brand-new `wx` object. Two tests in one file then never share
 *   a React tree, a request log or a cloud stub.
 *
 * Taro renders asynchronously (onLoad mounts the React tree, React commits later, Taro then
 * calls setData), and the page's own cloud calls resolve later still, so tests wait for text
 * with {@link LoadedPage.waitForText}, which polls within a bounded time.
 */
import fs from 'node:fs';
import path from 'node:path';

/** dist/weapp, the WeChat build the lead's `npm test` produces before running these tests. */
export const WEAPP_DIST = path.resolve(__dirname, '../../dist/weapp');

export const BUILD_HINT =
  'build it first: NODE_ENV=production node node_modules/@tarojs/cli/bin/taro build --type weapp';

/** Fails with a clear message when dist/weapp is missing or incomplete. */
export function assertWeappBuilt(): void {
  for (const file of ['app.json', 'app.js']) {
    if (!fs.existsSync(path.join(WEAPP_DIST, file))) {
      throw new Error(`The WeChat build is missing (${path.join(WEAPP_DIST, file)} not found); ${BUILD_HINT}`);
    }
  }
}

/** What the page passed to `wx.cloud.callFunction`. */
export interface CloudCall {
  name: string;
  data: unknown;
}

/** Answers one cloud function call; the return value becomes the reply's `result`. */
export type CloudHandler = (call: CloudCall) => unknown;

export interface LoadOptions {
  /** Plays the cloud: called for every `wx.cloud.callFunction`. */
  cloud: CloudHandler;
  /** The page's query (`?id=…`), handed to onLoad as WeChat does. */
  query?: Record<string, string>;
  /** Adds to the fresh `wx` before app.js runs (e.g. the privacy APIs simulate lacks). */
  setupWx?: (wx: Record<string, unknown>) => void;
}

export interface LoadedPage {
  /** The rendered page element (simulate's DOM, tags like `wx-view`, `wx-text`, `wx-button`). */
  readonly dom: HTMLElement;
  /** The page's data as Taro last set it (e.g. `pageMeta`, `navigationBar`, beside `root`). */
  data(): Record<string, unknown>;
  /** Every `wx.cloud.callFunction` request so far, in order. */
  readonly cloudCalls: readonly CloudCall[];
  /** Every `wx.cloud.init` argument so far. */
  readonly cloudInits: readonly unknown[];
  /** The page's visible text. */
  text(): string;
  /** Elements whose own text, trimmed, equals `text`. */
  findAllByText(text: string): HTMLElement[];
  /** Waits until the page's text contains `text`; throws with the rendered text on timeout. */
  waitForText(text: string, timeoutMs?: number): Promise<void>;
  /** Taps an element of the page, as a finger would (Taro's `bindtap` handlers run). */
  tap(element: HTMLElement): void;
  /** Fires a component event on an element (e.g. a button's `agreeprivacyauthorization`). */
  trigger(element: HTMLElement, eventName: string, detail?: unknown): void;
  /** Detaches the page (runs its onUnload). */
  close(): void;
}

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

/**
 * The part of miniprogram-simulate used here. Its bundled typings are not imported on purpose:
 * they `import "miniprogram-api-typings"`, which would declare `wx`, `Page`, `App`, … as globals
 * for the whole project's type check.
 */
interface Simulate {
  load(componentPath: string, options?: { rootPath?: string; compiler?: 'official' | 'simulate' }): string;
  render(id: string, properties?: Record<string, unknown>): SimulatedComponent;
}

/** The part of miniprogram-exparser (simulate's component engine) used to dispatch a tap. */
interface Exparser {
  Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): unknown;
    dispatchEvent(target: unknown, event: unknown): void;
  };
}

interface SimulatedComponent {
  readonly dom: HTMLElement | undefined;
  readonly data: Record<string, unknown>;
  attach(parent: Node): void;
  detach(): void;
}

interface AppConfig {
  onLaunch?: AnyFn;
  onShow?: AnyFn;
}

interface PageInstance {
  route?: string;
  __route__?: string;
  onLoad?: AnyFn;
  onShow?: AnyFn;
  onReady?: AnyFn;
  onUnload?: AnyFn;
}

interface MiniGlobals {
  wx?: Record<string, unknown>;
  App?: (config: AppConfig) => void;
  Page?: (config: Record<string, unknown>) => void;
  Component?: (definition: Record<string, unknown>) => void;
  getApp?: () => unknown;
  getCurrentPages?: () => unknown[];
}

const DEFAULT_TIMEOUT_MS = 5000;
const POLL_INTERVAL_MS = 25;

/**
 * Loads `pagePath` (e.g. 'pages/index/index') from dist/weapp, renders it and attaches it to
 * a detached container. Returns as soon as the page is attached, before React has rendered
 * anything: use `waitForText` for what it shows.
 */
export function loadTaroPage(pagePath: string, options: LoadOptions): LoadedPage {
  assertWeappBuilt();
  const pageFile = path.join(WEAPP_DIST, pagePath);
  if (!fs.existsSync(`${pageFile}.js`)) {
    throw new Error(`${pagePath} is not in the WeChat build (${pageFile}.js not found); ${BUILD_HINT}`);
  }

  const g = globalThis as unknown as MiniGlobals;
  const cloudCalls: CloudCall[] = [];
  const cloudInits: unknown[] = [];
  const pages: PageInstance[] = [];
  let app: AppConfig | undefined;
  let component: SimulatedComponent | undefined;
  let exparser: Exparser | undefined;

  jest.isolateModules(() => {
    // A fresh `wx`: simulate merges any existing `wx` into its mock API, webpackJsonp included.
    delete g.wx;
    const simulate = require('miniprogram-simulate') as Simulate;
    exparser = require('miniprogram-exparser') as Exparser; // the instance simulate renders with
    const wx = (globalThis as unknown as MiniGlobals).wx; // not `g.wx`: TS would keep it narrowed by the delete
    if (!wx) throw new Error('miniprogram-simulate did not install a `wx` global');

    wx.cloud = {
      init(config: unknown) {
        cloudInits.push(config);
      },
      async callFunction(request: { name: string; data?: unknown }) {
        const call: CloudCall = { name: request.name, data: request.data };
        cloudCalls.push(call);
        return { errMsg: 'cloud.callFunction:ok', result: await options.cloud(call) };
      },
    };

    options.setupWx?.(wx);

    g.getApp = () => app;
    g.getCurrentPages = () => [...pages];
    g.App = (config) => {
      app = config;
    };
    const registerComponent = g.Component;
    if (!registerComponent) throw new Error('miniprogram-simulate did not install a `Component` global');
    g.Page = (config) => {
      const { data, ...rest } = config;
      const methods: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(rest)) if (typeof value === 'function') methods[key] = value;
      registerComponent({
        data,
        methods,
        lifetimes: {
          attached(this: PageInstance) {
            this.route = this.__route__ = pagePath;
            pages.push(this);
            this.onLoad?.call(this, { ...options.query });
            this.onShow?.call(this);
          },
          ready(this: PageInstance) {
            this.onReady?.call(this);
          },
          detached(this: PageInstance) {
            this.onUnload?.call(this);
            pages.splice(pages.indexOf(this), 1);
          },
        },
      });
    };

    require(path.join(WEAPP_DIST, 'app.js'));
    if (!app) throw new Error('dist/weapp/app.js did not call App()');
    app.onLaunch?.call(app, { path: pagePath, query: {}, scene: 1001 });
    app.onShow?.call(app, { path: pagePath, query: {}, scene: 1001 });

    const id = simulate.load(pageFile, { rootPath: WEAPP_DIST });
    component = simulate.render(id);
  });

  if (!component) throw new Error(`miniprogram-simulate could not render ${pagePath}`);
  const page = component;
  page.attach(document.createElement('div'));
  const dom = page.dom;
  if (!dom) throw new Error(`${pagePath} has no DOM after attach`);

  const text = () => (dom.textContent ?? '').replace(/\s+/g, ' ').trim();

  return {
    dom,
    data: () => page.data,
    cloudCalls,
    cloudInits,
    text,
    findAllByText: (wanted) =>
      Array.from(dom.querySelectorAll<HTMLElement>('*')).filter(
        (el) => Array.from(el.childNodes).some((n) => n.nodeType === 3) && (el.textContent ?? '').trim() === wanted,
      ),
    async waitForText(wanted, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const deadline = Date.now() + timeoutMs;
      while (!text().includes(wanted)) {
        if (Date.now() > deadline) {
          throw new Error(`${pagePath} did not show "${wanted}" within ${timeoutMs} ms; it shows: "${text()}"`);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
    },
    tap(element) {
      // Elements rendered by simulate carry their exparser node; a tap is an exparser event
      // dispatched on it, which is how j-component's own dispatchEvent delivers custom events.
      const node = (element as HTMLElement & { __wxElement?: unknown }).__wxElement;
      if (!node || !exparser)
        throw new Error(`cannot tap <${element.tagName.toLowerCase()}>: not rendered by simulate`);
      const touch = { identifier: 0, pageX: 0, pageY: 0, clientX: 0, clientY: 0 };
      exparser.Event.dispatchEvent(
        node,
        exparser.Event.create(
          'tap',
          { x: 0, y: 0 },
          {
            bubbles: true,
            composed: true,
            capturePhase: true,
            extraFields: { touches: [touch], changedTouches: [touch] },
          },
        ),
      );
    },
    trigger(element, eventName, detail = {}) {
      const node = (element as HTMLElement & { __wxElement?: unknown }).__wxElement;
      if (!node || !exparser) throw new Error(`cannot trigger ${eventName} on <${element.tagName.toLowerCase()}>`);
      exparser.Event.dispatchEvent(node, exparser.Event.create(eventName, detail, { bubbles: false, composed: true }));
    },
    close: () => page.detach(),
  };
}
