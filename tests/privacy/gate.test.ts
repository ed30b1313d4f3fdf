/**
 * The privacy gate (src/shared/privacy/gate.ts) over a fake WeChat that behaves as the docs
 * say: requirePrivacyAuthorize succeeds at once when the person agreed before, otherwise it
 * raises onNeedPrivacyAuthorization and waits for the listener's resolve — agree (with the id
 * of the button tapped) lets it succeed, disagree makes it fail.
 */
import {
  createPrivacyGate,
  PRIVACY_REFUSED_MESSAGE,
  PrivacyRefusedError,
  type PrivacyAnswer,
  type PrivacyPlatform,
  type PrivacyResolve,
} from '../../src/shared/privacy/gate';

interface FakeWeChat {
  platform: PrivacyPlatform;
  answers: PrivacyAnswer[];
  agreed: () => boolean;
  requireCalls: () => number;
  settingReads: () => number;
}

function fakeWeChat({
  agreedBefore = false,
  setting,
}: {
  agreedBefore?: boolean;
  setting?: () => Promise<{ needAuthorization: boolean; contractName: string | null }>;
} = {}): FakeWeChat {
  let agreed = agreedBefore;
  let listener: ((resolve: PrivacyResolve, referrer: string) => void) | null = null;
  let requireCalls = 0;
  let settingReads = 0;
  const answers: PrivacyAnswer[] = [];
  const platform: PrivacyPlatform = {
    readSetting: () => {
      settingReads += 1;
      return setting
        ? setting()
        : Promise.resolve({ needAuthorization: !agreed, contractName: '《测试隐私保护指引》' });
    },
    listen: (l) => {
      listener = l;
    },
    require: () => {
      requireCalls += 1;
      if (agreed) return Promise.resolve();
      return new Promise((resolve, reject) =>
        listener!((answer) => {
          answers.push(answer);
          if (answer.event === 'agree') {
            agreed = true;
            resolve();
          } else if (answer.event === 'disagree') {
            reject(new Error('requirePrivacyAuthorize:fail privacy permission is not authorized'));
          }
        }, 'requirePrivacyAuthorize'),
      );
    },
    openContract: () => Promise.resolve(true),
  };
  return {
    platform,
    answers,
    agreed: () => agreed,
    requireCalls: () => requireCalls,
    settingReads: () => settingReads,
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

test('the launch setting decides the state: unknown, then needed or agreed', async () => {
  const fresh = createPrivacyGate(fakeWeChat().platform);
  expect(fresh.view().state).toBe('unknown');
  await fresh.start();
  expect(fresh.view()).toMatchObject({ state: 'needed', asking: false, contractName: '《测试隐私保护指引》' });

  const returning = createPrivacyGate(fakeWeChat({ agreedBefore: true }).platform);
  await returning.start();
  expect(returning.view().state).toBe('agreed');
});

test('start reads the setting once however often it is called', async () => {
  const wechat = fakeWeChat();
  const gate = createPrivacyGate(wechat.platform);
  const asked = gate.ensureAgreed().catch(() => undefined);
  await Promise.all([gate.start(), gate.start(), gate.start()]);
  await flush();
  gate.disagree();
  await asked;
  expect(wechat.settingReads()).toBe(1);
});

test('someone who agreed before passes at once, without a popup', async () => {
  const wechat = fakeWeChat({ agreedBefore: true });
  const gate = createPrivacyGate(wechat.platform);
  await gate.ensureAgreed();
  expect(gate.view().asking).toBe(false);
  expect(wechat.requireCalls()).toBe(0);
});

test('queued calls wait for the agreement and then all go ahead, with one WeChat request', async () => {
  const wechat = fakeWeChat();
  const gate = createPrivacyGate(wechat.platform);
  const done: string[] = [];
  const first = gate.ensureAgreed().then(() => done.push('first'));
  const second = gate.ensureAgreed().then(() => done.push('second'));
  await flush();
  expect(gate.view()).toMatchObject({ state: 'needed', asking: true, referrer: 'requirePrivacyAuthorize' });
  expect(done).toEqual([]);
  expect(wechat.requireCalls()).toBe(1);

  gate.agree('privacy-agree-3');
  await Promise.all([first, second]);
  expect(done.sort()).toEqual(['first', 'second']);
  expect(wechat.answers).toEqual([{ event: 'agree', buttonId: 'privacy-agree-3' }]);
  expect(gate.view()).toMatchObject({ state: 'agreed', asking: false });

  // Later calls pass straight through.
  await gate.ensureAgreed();
  expect(wechat.requireCalls()).toBe(1);
});

test('disagree rejects every waiting call with a clear Chinese message, and the next use asks again', async () => {
  const wechat = fakeWeChat();
  const gate = createPrivacyGate(wechat.platform);
  const a = gate.ensureAgreed();
  const b = gate.ensureAgreed();
  await flush();
  gate.disagree();
  await expect(a).rejects.toBeInstanceOf(PrivacyRefusedError);
  await expect(b).rejects.toThrow(PRIVACY_REFUSED_MESSAGE);
  expect(PRIVACY_REFUSED_MESSAGE).toMatch(/同意《隐私保护指引》/);
  expect(wechat.answers).toEqual([{ event: 'disagree' }]);
  expect(gate.view()).toMatchObject({ state: 'needed', asking: false });

  const again = gate.ensureAgreed();
  await flush();
  expect(gate.view().asking).toBe(true);
  gate.agree('privacy-agree-1');
  await again;
  expect(wechat.requireCalls()).toBe(2);
});

test('when WeChat itself asks (a direct API call), every waiting resolve is answered, exposure first', async () => {
  const wechat = fakeWeChat({ agreedBefore: true });
  let listener: ((resolve: PrivacyResolve, referrer: string) => void) | null = null;
  const gate = createPrivacyGate({ ...wechat.platform, listen: (l) => (listener = l) });
  await gate.start();
  expect(gate.view().state).toBe('agreed');

  const seen: PrivacyAnswer[][] = [[], []];
  listener!((answer) => seen[0]!.push(answer), 'wx.chooseMedia');
  listener!((answer) => seen[1]!.push(answer), 'wx.saveImageToPhotosAlbum');
  // The record WeChat keeps wins over what the launch setting said.
  expect(gate.view()).toMatchObject({ state: 'needed', asking: true, referrer: 'wx.saveImageToPhotosAlbum' });

  gate.exposed();
  gate.exposed(); // once per ask
  gate.agree('privacy-agree-7');
  for (const answers of seen) {
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree-7' }]);
  }
  expect(gate.view()).toMatchObject({ state: 'agreed', asking: false });
});

test('a setting that cannot be read counts as needed, and WeChat then decides', async () => {
  const wechat = fakeWeChat({ agreedBefore: true, setting: () => Promise.reject(new Error('getPrivacySetting:fail')) });
  const gate = createPrivacyGate(wechat.platform);
  await gate.start();
  expect(gate.view().state).toBe('needed');
  await gate.ensureAgreed(); // requirePrivacyAuthorize succeeds at once: agreed before
  expect(gate.view()).toMatchObject({ state: 'agreed', asking: false });
});

test('subscribers hear every change and can leave', async () => {
  const gate = createPrivacyGate(fakeWeChat().platform);
  const heard = jest.fn();
  const leave = gate.subscribe(heard);
  await gate.start();
  expect(heard).toHaveBeenCalledTimes(1);
  const pending = gate.ensureAgreed();
  await flush();
  expect(heard).toHaveBeenCalledTimes(2);
  leave();
  gate.agree('b');
  await pending;
  expect(heard).toHaveBeenCalledTimes(2);
  // The view is a stable snapshot between changes (what React's state compares).
  expect(gate.view()).toBe(gate.view());
});
