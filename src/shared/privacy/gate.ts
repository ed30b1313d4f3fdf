/**
 * The privacy gate: nothing privacy-bound runs before the person has agreed to the
 * 用户隐私保护指引 (WeChat enforces this since 2023-10-17; ADR 0020).
 *
 * - State: `unknown` until `wx.getPrivacySetting` answers at launch, then `needed` or `agreed`.
 * - `ensureAgreed()` is what every guarded API (guarded.ts) awaits first. When agreement is
 *   still needed it calls `wx.requirePrivacyAuthorize`, which makes WeChat raise
 *   `onNeedPrivacyAuthorization`; concurrent callers share that one request (they queue).
 * - The `onNeedPrivacyAuthorization` listener keeps WeChat's `resolve` and shows our popup
 *   (<PrivacyPopup />, mounted on every page). The popup's 同意 button has
 *   `open-type="agreePrivacyAuthorization"`; after its event we answer every waiting resolve
 *   with `{ event: 'agree', buttonId }`, after 拒绝 with `{ event: 'disagree' }` — which makes
 *   the waiting calls fail, and `ensureAgreed()` rejects with a Chinese message.
 *
 * The platform (real wx APIs, or the browser build's stand-in) is passed in, so the rules here
 * are tested without WeChat.
 */

export type PrivacyState = 'unknown' | 'needed' | 'agreed';

/** What WeChat's `resolve` accepts (wx.onNeedPrivacyAuthorization). */
export type PrivacyAnswer =
  { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' };

export type PrivacyResolve = (answer: PrivacyAnswer) => void;

/** The platform calls the gate needs: wx.* in WeChat, a stand-in in the browser. */
export interface PrivacyPlatform {
  /** wx.getPrivacySetting. */
  readSetting(): Promise<{ needAuthorization: boolean; contractName: string | null }>;
  /** wx.onNeedPrivacyAuthorization (registering again replaces the earlier listener). */
  listen(listener: (resolve: PrivacyResolve, referrer: string) => void): void;
  /** wx.requirePrivacyAuthorize: resolves once agreed, rejects when refused. */
  require(): Promise<void>;
  /** wx.openPrivacyContract; false when it cannot be shown (then our own page is opened). */
  openContract(): Promise<boolean>;
}

/** What the popup renders. */
export interface PrivacyView {
  state: PrivacyState;
  /** WeChat is waiting for an answer: the popup must show. */
  asking: boolean;
  /** The API or component that asked (eventInfo.referrer), when known. */
  referrer: string | null;
  /** The guideline's name as WeChat shows it, e.g. 《红色邻里小程序隐私保护指引》. */
  contractName: string;
}

export const DEFAULT_CONTRACT_NAME = '《红色邻里隐私保护指引》';

export const PRIVACY_REFUSED_MESSAGE =
  '您没有同意《隐私保护指引》，这项功能暂时不能使用。再次使用时可以重新选择“同意”。';

/** A privacy-bound call refused because the person did not agree. */
export class PrivacyRefusedError extends Error {
  constructor() {
    super(PRIVACY_REFUSED_MESSAGE);
    this.name = 'PrivacyRefusedError';
  }
}

export interface PrivacyGate {
  /** Registers the listener and reads the setting once; later calls return the same promise. */
  start(): Promise<void>;
  /** Resolves when privacy-bound calls may run; rejects with PrivacyRefusedError on 拒绝. */
  ensureAgreed(): Promise<void>;
  /** The 同意 button's agreePrivacyAuthorization event, with that button's id. */
  agree(buttonId: string): void;
  /** The 拒绝 button. */
  disagree(): void;
  /** Tells WeChat the popup is on screen (resolve({ event: 'exposureAuthorization' })). */
  exposed(): void;
  view(): PrivacyView;
  subscribe(listener: () => void): () => void;
}

export function createPrivacyGate(platform: PrivacyPlatform): PrivacyGate {
  let state: PrivacyState = 'unknown';
  let contractName = DEFAULT_CONTRACT_NAME;
  let referrer: string | null = null;
  let waiting: { resolve: PrivacyResolve; exposed: boolean }[] = [];
  let started: Promise<void> | null = null;
  let inFlight: Promise<void> | null = null;
  let snapshot: PrivacyView | null = null;
  const listeners = new Set<() => void>();

  const emit = () => {
    snapshot = null;
    for (const listener of [...listeners]) listener();
  };

  const answerAll = (answer: PrivacyAnswer) => {
    const due = waiting;
    waiting = [];
    referrer = null;
    for (const w of due) {
      try {
        w.resolve(answer);
      } catch {
        // A resolve WeChat no longer waits for: nothing to undo.
      }
    }
  };

  const onNeed = (resolve: PrivacyResolve, from: string) => {
    waiting.push({ resolve, exposed: false });
    referrer = from || referrer;
    // WeChat asks only when it has no agreement on record, whatever the launch setting said.
    if (state !== 'needed') state = 'needed';
    emit();
  };

  const gate: PrivacyGate = {
    start() {
      if (!started) {
        platform.listen(onNeed);
        started = platform.readSetting().then(
          (setting) => {
            if (setting.contractName) contractName = setting.contractName;
            if (state === 'unknown') state = setting.needAuthorization ? 'needed' : 'agreed';
            emit();
          },
          () => {
            // Unknown: requirePrivacyAuthorize will tell (it succeeds at once if agreed before).
            if (state === 'unknown') state = 'needed';
            emit();
          },
        );
      }
      return started;
    },

    async ensureAgreed() {
      await gate.start();
      if (state === 'agreed') return;
      if (!inFlight) {
        inFlight = platform.require().then(
          () => {
            inFlight = null;
            if (state !== 'agreed') {
              state = 'agreed';
              emit();
            }
          },
          () => {
            inFlight = null;
            throw new PrivacyRefusedError();
          },
        );
      }
      return inFlight;
    },

    agree(buttonId) {
      state = 'agreed';
      answerAll({ event: 'agree', buttonId });
      emit();
    },

    disagree() {
      answerAll({ event: 'disagree' });
      emit();
    },

    exposed() {
      for (const w of waiting) {
        if (w.exposed) continue;
        w.exposed = true;
        try {
          w.resolve({ event: 'exposureAuthorization' });
        } catch {
          // Older base libraries may not know the event; the popup is shown regardless.
        }
      }
    },

    view() {
      if (!snapshot) snapshot = { state, asking: waiting.length > 0, referrer, contractName };
      return snapshot;
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  return gate;
}
