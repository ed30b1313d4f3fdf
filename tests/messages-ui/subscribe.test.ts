/**
 * Subscription consent (src/shared/subscribe.ts): the template ids come from the one
 * declaration in types/notifications.ts; askSubscription asks WeChat synchronously (still
 * inside the tap), returns nothing to await, and never throws — whether the API throws, rejects
 * or is missing. The h5 variant never touches Taro.
 */
import { subscriptionTemplates, type TemplateKey } from '~types/notifications';

const requestSubscribeMessage = jest.fn();
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    requestSubscribeMessage: (...args: unknown[]) => requestSubscribeMessage(...args),
  },
}));

import { askSubscription, templateIds } from '../../src/shared/subscribe';
import { askSubscription as askSubscriptionH5 } from '../../src/shared/subscribe.h5';

beforeEach(() => requestSubscribeMessage.mockReset());

test('template keys map to the declared ids, without repeats, at most three', () => {
  expect(templateIds(['wishUpdate'])).toEqual([subscriptionTemplates.wishUpdate.id]);
  expect(templateIds(['reviewResult', 'reviewResult'])).toEqual([subscriptionTemplates.reviewResult.id]);
  const all = Object.keys(subscriptionTemplates) as TemplateKey[];
  expect(all).toHaveLength(4);
  expect(templateIds(all)).toEqual(all.slice(0, 3).map((k) => subscriptionTemplates[k].id));
  expect(templateIds([])).toEqual([]);
});

test('asks WeChat synchronously with the ids, and returns nothing to wait for', () => {
  requestSubscribeMessage.mockReturnValue(new Promise(() => {})); // the person never answers
  const result = askSubscription(['activityReminder', 'voteOpen']);
  expect(result).toBeUndefined();
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(requestSubscribeMessage).toHaveBeenCalledWith({
    tmplIds: [subscriptionTemplates.activityReminder.id, subscriptionTemplates.voteOpen.id],
  });
});

test('no keys: WeChat is not asked', () => {
  askSubscription([]);
  expect(requestSubscribeMessage).not.toHaveBeenCalled();
});

test('never throws: not from a synchronous failure, nor from a refusal', async () => {
  requestSubscribeMessage.mockImplementation(() => {
    throw new Error('requestSubscribeMessage:fail can only be invoked by user TAP gesture.');
  });
  expect(() => askSubscription(['wishUpdate'])).not.toThrow();

  const unhandled = jest.fn();
  process.on('unhandledRejection', unhandled);
  try {
    requestSubscribeMessage.mockReturnValue(Promise.reject({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 }));
    expect(() => askSubscription(['wishUpdate'])).not.toThrow();
    requestSubscribeMessage.mockReturnValue(undefined); // an API stub that returns nothing
    expect(() => askSubscription(['wishUpdate'])).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).not.toHaveBeenCalled();
  } finally {
    process.off('unhandledRejection', unhandled);
  }
});

test('the h5 variant does nothing', () => {
  expect(askSubscriptionH5(['wishUpdate'])).toBeUndefined();
  expect(requestSubscribeMessage).not.toHaveBeenCalled();
});
