/**
 * The privacy rules, read from the source: every privacy-bound WeChat API the app uses goes
 * through src/shared/privacy/guarded.ts (nothing calls one directly), every page renders
 * <PrivacyPopup /> (WeChat needs the agree button on the page that asked), the app installs
 * the gate at launch and declares __usePrivacyCheck__, and the privacy page is registered.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');
const GUARDED = 'src/shared/privacy/guarded.ts';

/**
 * WeChat's privacy-bound APIs (小程序用户隐私保护指引内容介绍, ADR 0020). scanCode, previewImage
 * and requestSubscribeMessage are not on the list.
 */
const PRIVACY_APIS = [
  'getUserInfo',
  'getUserProfile',
  'authorize',
  'getLocation',
  'getFuzzyLocation',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'choosePoi',
  'chooseLocation',
  'chooseAddress',
  'chooseInvoiceTitle',
  'chooseInvoice',
  'getWeRunData',
  'chooseLicensePlate',
  'chooseImage',
  'chooseMedia',
  'chooseVideo',
  'chooseMessageFile',
  'startRecord',
  'getRecorderManager',
  'joinVoIPChat',
  'createVKSession',
  'openBluetoothAdapter',
  'createBLEPeripheralServer',
  'saveImageToPhotosAlbum',
  'saveVideoToPhotosAlbum',
  'addPhoneContact',
  'addPhoneCalendar',
  'addPhoneRepeatCalendar',
  'startAccelerometer',
  'startCompass',
  'startDeviceMotionListening',
  'startGyroscope',
  'setClipboardData',
  'getClipboardData',
];

/** Privacy-bound components and button open-types. */
const PRIVACY_MARKUP = [
  /openType=['"{]*(getPhoneNumber|getRealtimePhoneNumber|chooseAvatar)/,
  /<(Camera|LivePusher|VoipRoom)\b/,
  /type=['"]nickname['"]/,
];

function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** The code without comments (doc comments name the APIs they explain). */
function code(file: string): string {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

function directCalls(text: string): string[] {
  const found = new Set<string>();
  // A call or a reference (`const f = Taro.chooseMedia`), not a type (`Taro.chooseMedia.Option`)
  // nor a string naming the API (`'wx.chooseMedia'` in policy.ts).
  const pattern = new RegExp(`(?<!['"\\w.])(?:Taro|wx)\\s*\\.\\s*(${PRIVACY_APIS.join('|')})\\b(?!\\s*\\.|['"])`, 'g');
  for (const m of text.matchAll(pattern)) found.add(m[1]!);
  return [...found].sort();
}

test('privacy-bound APIs are called only in guarded.ts', () => {
  const offenders: Record<string, string[]> = {};
  for (const file of sourceFiles()) {
    const name = rel(file);
    if (name === GUARDED) continue;
    const calls = directCalls(code(file));
    const markup = PRIVACY_MARKUP.filter((re) => re.test(code(file))).map(String);
    if (calls.length + markup.length > 0) offenders[name] = [...calls, ...markup];
  }
  expect(offenders).toEqual({});
});

test('guarded.ts waits for the agreement before each API it wraps', () => {
  const text = code(path.join(ROOT, GUARDED));
  const wrappers = [...text.matchAll(/export async function (\w+)\([\s\S]*?\n}\n/g)];
  expect(wrappers.map((m) => m[1])).toEqual(['chooseMedia', 'chooseMessageFile', 'saveImageToPhotosAlbum']);
  for (const [body, name] of wrappers) {
    expect(PRIVACY_APIS).toContain(name);
    const gate = body.indexOf('await ensurePrivacyAgreed()');
    const call = body.indexOf(`Taro.${name!}(`);
    expect(gate).toBeGreaterThan(-1);
    expect(call).toBeGreaterThan(gate);
  }
});

test("every page renders the privacy popup, itself or through the tab pages' shell", () => {
  const shell = path.join(SRC, 'pages', 'tab-page.tsx');
  expect(code(shell)).toMatch(/<PrivacyPopup\b/);
  const pages = sourceFiles(SRC).filter((f) => /\/pages\/[^/]+\/index\.tsx$/.test(rel(f)));
  expect(pages.length).toBeGreaterThanOrEqual(35);
  const without = pages.filter((f) => !/<PrivacyPopup\b|<TabPage\b/.test(code(f))).map(rel);
  expect(without).toEqual([]);
});

test('the app installs the gate at launch, declares the privacy check and registers the privacy page', () => {
  const app = code(path.join(SRC, 'app.ts'));
  expect(app).toMatch(/useLaunch\(\(\) => \{[\s\S]*installPrivacy\(\);[\s\S]*\}\);/);
  const config = code(path.join(SRC, 'app.config.ts'));
  expect(config).toMatch(/__usePrivacyCheck__: true/);
  expect(config).toMatch(/root: 'packages\/account', pages: \[[^\]]*'pages\/privacy\/index'/);
  expect(fs.existsSync(path.join(SRC, 'packages/account/pages/privacy/index.tsx'))).toBe(true);
});

test('我的 links to the privacy page', () => {
  const mine = code(path.join(SRC, 'features/account/mine-screen.tsx'));
  expect(mine).toMatch(/navigateTo\(\{ url: PRIVACY_PAGE_URL \}\)/);
});
