/**
 * Subscription consent (src/shared/subscribe.ts): the template ids come from the configuration
 * (deploy/subscriptions.json, here the filled-in example); only kinds the functions send can be
 * asked for, placeholder ids never are; askSubscription asks WeChat synchronously (still inside
 * the tap), returns nothing to await, and never throws — whether the API throws, rejects or is
 * missing. The screens ask at the moment that makes sense, never on app start; the h5 variant
 * never touches Taro. The queued kinds (voteOpen, topicProgress, wishReview) the person accepted are counted
 * on the server (messages.recordConsent) once WeChat answers; the h5 variant counts them as
 * accepted, so the local demo sends them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { consentTemplateIds, readSubscriptionConfig, subscriptionKinds } from '~types/subscriptions';
import example from '../../deploy/examples/subscriptions.json';

const requestSubscribeMessage = jest.fn();
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    requestSubscribeMessage: (...args: unknown[]) => requestSubscribeMessage(...args),
  },
}));
const cloudCall = jest.fn((..._args: unknown[]) => Promise.resolve({ recorded: 1 }));
jest.mock('@/services/cloud', () => ({
  __esModule: true,
  call: (...args: unknown[]) => cloudCall(...args),
}));
// The build bundles deploy/subscriptions.json; these tests use a filled-in one.
jest.mock('../../deploy/subscriptions.json', () => jest.requireActual('../../deploy/examples/subscriptions.json'));

import { askSubscription, templateIds } from '../../src/shared/subscribe';
import { askSubscription as askSubscriptionH5, askSubscriptionOnce as askOnceH5 } from '../../src/shared/subscribe.h5';
import { homeCards } from '../../src/features/home/home-cards';

const ids = {
  wishProgress: example.wishProgress.templateId,
  claimProgress: example.claimProgress.templateId,
  waitlistPromoted: example.waitlistPromoted.templateId,
  activityCancelled: example.activityCancelled.templateId,
  voteOpen: example.voteOpen.templateId,
  topicProgress: example.topicProgress.templateId,
  wishReview: example.wishReview.templateId,
  applicationResult: example.applicationResult.templateId,
};

beforeEach(() => {
  requestSubscribeMessage.mockReset();
  cloudCall.mockClear();
});

type Ask = typeof askSubscription;
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

test('the queued kinds the person accepts are counted on the server once WeChat answers; refused and sent-at-once kinds are not', async () => {
  requestSubscribeMessage.mockReturnValue(
    Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', [ids.voteOpen]: 'accept', [ids.topicProgress]: 'reject' }),
  );
  askSubscription(['voteOpen', 'topicProgress']);
  await settle();
  expect(cloudCall).toHaveBeenCalledTimes(1);
  expect(cloudCall).toHaveBeenCalledWith('messages', 'recordConsent', { kinds: ['voteOpen'] });

  cloudCall.mockClear();
  requestSubscribeMessage.mockReturnValue(Promise.resolve({ errMsg: 'ok', [ids.wishProgress]: 'accept' }));
  askSubscription(['wishProgress']);
  await settle();
  expect(cloudCall).not.toHaveBeenCalled();
});

test('a reviewer who taps 订阅待审提醒 and accepts has the wishReview consent counted', async () => {
  requestSubscribeMessage.mockReturnValue(Promise.resolve({ errMsg: 'ok', [ids.wishReview]: 'accept' }));
  askSubscription(['wishReview']);
  expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: [ids.wishReview] });
  await settle();
  expect(cloudCall).toHaveBeenCalledWith('messages', 'recordConsent', { kinds: ['wishReview'] });
});

test('a way in asks only for kinds not asked yet in this run: once, and never after an act asked', async () => {
  jest.isolateModules(() => {
    // A fresh run of the app (the asked kinds are kept per run).
    const fresh = require('../../src/shared/subscribe') as { askSubscription: Ask; askSubscriptionOnce: Ask };
    requestSubscribeMessage.mockReturnValue(Promise.resolve({ errMsg: 'ok', [ids.wishReview]: 'accept' }));
    fresh.askSubscriptionOnce(['wishReview']);
    fresh.askSubscriptionOnce(['wishReview']);
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: [ids.wishReview] });
    fresh.askSubscription(['wishReview']); // an act (发布) asks every time
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(2);
    fresh.askSubscription(['voteOpen']);
    fresh.askSubscriptionOnce(['voteOpen', 'wishReview']); // both answered already this run
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(3);
  });
  await settle();
});

test('the h5 variant of a way in records the queued kinds once a run', async () => {
  askOnceH5(['applicationResult']);
  askOnceH5(['applicationResult']);
  await settle();
  expect(cloudCall).toHaveBeenCalledTimes(1); // (no earlier test asked for applicationResult)
  expect(cloudCall).toHaveBeenCalledWith('messages', 'recordConsent', { kinds: ['applicationResult'] });
});

test("the home's wishes-to-review card asks for wishReview at its link", () => {
  const reviewer = {
    kind: 'building_leader',
    communityId: 'c1',
    estateId: 'e1',
    buildingId: 'b1',
    scopeLabel: '1号楼',
  };
  const me = { profile: { name: '陈志强' }, roles: [reviewer], bindings: [] };
  const cards = homeCards(me as unknown as Parameters<typeof homeCards>[0]);
  expect(cards.find((c) => c.key === 'wish-review')?.consent).toEqual(['wishReview']);
  expect(cards.filter((c) => c.consent).map((c) => c.key)).toEqual(['wish-review']);
});

test('the h5 variant counts the queued kinds as accepted, without a dialog', async () => {
  askSubscriptionH5(['voteOpen', 'wishProgress']);
  await settle();
  expect(requestSubscribeMessage).not.toHaveBeenCalled();
  expect(cloudCall).toHaveBeenCalledWith('messages', 'recordConsent', { kinds: ['voteOpen'] });
});

test('kinds map to their configured ids, without repeats, at most three', () => {
  expect(templateIds(['wishProgress'])).toEqual([ids.wishProgress]);
  expect(templateIds(['claimProgress', 'claimProgress'])).toEqual([ids.claimProgress]);
  expect(templateIds(subscriptionKinds)).toEqual([ids.wishProgress, ids.claimProgress, ids.waitlistPromoted]);
  expect(templateIds([])).toEqual([]);
});

test('placeholder ids and kinds missing from the configuration are never asked for', () => {
  const shipped: unknown = jest.requireActual('../../deploy/subscriptions.json'); // the repo's, unmocked
  const placeholders = readSubscriptionConfig(shipped);
  expect(consentTemplateIds(placeholders, subscriptionKinds)).toEqual([]);
  const partial = readSubscriptionConfig({ wishProgress: example.wishProgress });
  expect(consentTemplateIds(partial, ['wishProgress', 'activityCancelled'])).toEqual([ids.wishProgress]);
});

test('asks WeChat synchronously with the ids, and returns nothing to wait for', () => {
  requestSubscribeMessage.mockReturnValue(new Promise(() => {})); // the person never answers
  const result = askSubscription(['activityCancelled', 'waitlistPromoted']);
  expect(result).toBeUndefined();
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: [ids.activityCancelled, ids.waitlistPromoted] });
});

test('no kinds: WeChat is not asked', () => {
  askSubscription([]);
  expect(requestSubscribeMessage).not.toHaveBeenCalled();
});

test('never throws: not from a synchronous failure, nor from a refusal', async () => {
  requestSubscribeMessage.mockImplementation(() => {
    throw new Error('requestSubscribeMessage:fail can only be invoked by user TAP gesture.');
  });
  expect(() => askSubscription(['wishProgress'])).not.toThrow();

  const unhandled = jest.fn();
  process.on('unhandledRejection', unhandled);
  try {
    requestSubscribeMessage.mockReturnValue(Promise.reject({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 }));
    expect(() => askSubscription(['wishProgress'])).not.toThrow();
    requestSubscribeMessage.mockReturnValue(undefined); // an API stub that returns nothing
    expect(() => askSubscription(['wishProgress'])).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).not.toHaveBeenCalled();
  } finally {
    process.off('unhandledRejection', unhandled);
  }
});

test('the h5 variant does nothing for the kinds sent at once', () => {
  expect(askSubscriptionH5(['wishProgress'])).toBeUndefined();
  expect(requestSubscribeMessage).not.toHaveBeenCalled();
  expect(cloudCall).not.toHaveBeenCalled();
});

describe('where the app asks', () => {
  const root = join(__dirname, '..', '..');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
    });
  const asks = files(join(root, 'src')).flatMap((path) =>
    Array.from(readFileSync(path, 'utf8').matchAll(/askSubscription(?:Once)?\(([^;]*?)\);/g), (m) => ({
      file: path.slice(root.length + 1),
      kinds: Array.from((m[1] ?? '').matchAll(/'(\w+)'/g), (k) => k[1]),
    })),
  );

  test('only for kinds the functions send, at the taps that lead to them', () => {
    expect(asks.map((a) => [a.file, [...new Set(a.kinds)].sort()])).toEqual(
      expect.arrayContaining([
        ['src/features/wish/post-screen.tsx', ['wishProgress']],
        ['src/features/wish/detail-screen.tsx', ['claimProgress']],
        ['src/features/wish/detail-sheets.tsx', ['claimProgress']],
        ['src/features/volunteer/detail-screen.tsx', ['activityCancelled', 'waitlistPromoted']],
        ['src/features/account/bind-screen.tsx', ['applicationResult', 'topicProgress', 'voteOpen']],
        ['src/features/checkin/register-screen.tsx', ['applicationResult']],
        ['src/features/deliberation/steps/collect/step.tsx', ['topicProgress', 'voteOpen']],
        ['src/features/deliberation/topic-screen.tsx', ['voteOpen']],
        ['src/features/wish/review-screen.tsx', ['wishReview']],
        ['src/features/wish/wall-screen.tsx', ['wishReview']],
      ]),
    );
    for (const a of asks) for (const kind of a.kinds) expect(subscriptionKinds).toContain(kind);
  });

  test('never on app start, nor for kinds that are never sent', () => {
    expect(asks.filter((a) => a.file.startsWith('src/app'))).toEqual([]);
    const all = asks.flatMap((a) => a.kinds);
    expect(all).not.toContain('reviewResult');
  });

  test('every kind asked for is sent by some function', () => {
    const server = files(join(root, 'cloudfunctions'))
      .filter((p) => !p.endsWith('.test.ts'))
      .map((p) => readFileSync(p, 'utf8'))
      .join('\n');
    for (const kind of subscriptionKinds) expect(server).toContain(`kind: '${kind}'`);
  });
});
