/**
 * The browser build's privacy platform (src/shared/privacy/platform.h5.ts): by default
 * everything counts as agreed and nothing is ever asked; with the simulate flag in
 * localStorage it asks like WeChat, remembers 同意 and fails the call on 拒绝.
 */
import { createPrivacyGate, PrivacyRefusedError } from '../../src/shared/privacy/gate';
import { AGREED_KEY, createPrivacyPlatform, SIMULATE_KEY } from '../../src/shared/privacy/platform.h5';

class MemoryStorage {
  private items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  (globalThis as any).localStorage = new MemoryStorage();
});

afterEach(() => {
  delete (globalThis as any).localStorage;
});

test('by default the browser build is agreed at once and never shows the popup', async () => {
  const gate = createPrivacyGate(createPrivacyPlatform());
  const heard = jest.fn();
  gate.subscribe(() => heard(gate.view()));
  await gate.ensureAgreed();
  expect(gate.view()).toMatchObject({ state: 'agreed', asking: false });
  expect(heard.mock.calls.every(([view]) => !view.asking)).toBe(true);
});

test('without localStorage at all (a locked-down browser) it is still a no-op', async () => {
  delete (globalThis as any).localStorage;
  const gate = createPrivacyGate(createPrivacyPlatform());
  await gate.ensureAgreed();
  expect(gate.view().state).toBe('agreed');
});

test('with the simulate flag it asks; 拒绝 refuses, 同意 is remembered for the next visit', async () => {
  localStorage.setItem(SIMULATE_KEY, '1');
  const gate = createPrivacyGate(createPrivacyPlatform());
  await gate.start();
  expect(gate.view().state).toBe('needed');

  const refused = gate.ensureAgreed();
  await flush();
  expect(gate.view().asking).toBe(true);
  gate.disagree();
  await expect(refused).rejects.toBeInstanceOf(PrivacyRefusedError);
  expect(localStorage.getItem(AGREED_KEY)).toBeNull();

  const agreed = gate.ensureAgreed();
  await flush();
  gate.agree('privacy-agree-1');
  await agreed;
  expect(localStorage.getItem(AGREED_KEY)).toBe('1');

  const nextVisit = createPrivacyGate(createPrivacyPlatform());
  await nextVisit.start();
  expect(nextVisit.view().state).toBe('agreed');
});

test('the full text is always our own page in the browser', async () => {
  expect(await createPrivacyPlatform().openContract()).toBe(false);
});
