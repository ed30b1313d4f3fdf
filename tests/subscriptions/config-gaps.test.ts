/**
 * The deploy check of the subscription templates (scripts/lib/subscription-config.ts): the
 * filled-in example passes; the shipped file fails on each placeholder; a reused id or title, an
 * unknown type, a key that is not `<type><number>`, a `from` or page value the kind does not
 * provide, a missing kind and a kind never sent are each named, in Chinese and English.
 */
import { subscriptionConfigGaps } from '../../scripts/lib/subscription-config';
import { subscriptionKinds } from '../../types/subscriptions';
import example from '../../deploy/examples/subscriptions.json';
import shipped from '../../deploy/subscriptions.json';

const copy = (): Record<string, any> => JSON.parse(JSON.stringify(example)) as Record<string, any>;
const en = (config: unknown) => subscriptionConfigGaps(config).map((g) => g.en);

test('the filled-in example has no gaps', () => {
  expect(subscriptionConfigGaps(example)).toEqual([]);
});

test('the shipped configuration names each placeholder left, in both languages', () => {
  const gaps = subscriptionConfigGaps(shipped);
  expect(gaps).toHaveLength(subscriptionKinds.length);
  for (const kind of subscriptionKinds) {
    expect(gaps).toContainEqual({
      zh: expect.stringContaining(`${kind}：模板 ID 仍是占位符 PLACEHOLDER_`),
      en: expect.stringContaining(`${kind}: templateId is still the placeholder PLACEHOLDER_`),
    });
  }
});

test('the shipped and the example configuration map the same kinds', () => {
  expect(Object.keys(shipped).filter((k) => !k.startsWith('$'))).toEqual([...subscriptionKinds]);
  expect(Object.keys(example).filter((k) => !k.startsWith('$'))).toEqual([...subscriptionKinds]);
});

test('one template id used for two kinds is a gap (each kind has its own template)', () => {
  const c = copy();
  c.claimProgress.templateId = c.wishProgress.templateId;
  expect(en(c)).toEqual([expect.stringMatching(/template id \S+ is shared by wishProgress, claimProgress/)]);
});

test('two kinds with one title is a gap (WeChat would drop one from a consent request)', () => {
  const c = copy();
  c.activityCancelled.title = c.waitlistPromoted.title;
  expect(en(c)).toEqual([expect.stringContaining('is shared by waitlistPromoted, activityCancelled')]);
});

test('an unknown field type, and a key whose prefix is not its type, are gaps', () => {
  const c = copy();
  c.wishProgress.fields.thing4.type = 'paragraph';
  c.claimProgress.fields.thing2.type = 'phrase';
  expect(en(c)).toEqual([
    expect.stringContaining('wishProgress.fields.thing4: unknown field type "paragraph"'),
    expect.stringContaining('claimProgress.fields.thing2: the key must be the type and a number (e.g. phrase1)'),
  ]);
});

test('a field or page value the kind does not provide is a gap', () => {
  const c = copy();
  c.activityCancelled.fields.thing3.from = 'wishTitle';
  c.waitlistPromoted.page = 'packages/volunteer/pages/detail/index?id={wishId}';
  expect(en(c)).toEqual([
    expect.stringContaining('waitlistPromoted: page names {wishId}'),
    expect.stringContaining('activityCancelled.fields.thing3: from "wishTitle" is not a value this kind provides'),
  ]);
});

test('a missing kind, a kind never sent, and a malformed entry are gaps', () => {
  const c = copy();
  delete c.activityCancelled;
  c.reviewResult = { ...c.wishProgress, templateId: 'x'.repeat(43), title: '审核结果通知' };
  c.wishProgress = { templateId: '', fields: {} };
  expect(en(c)).toEqual([
    expect.stringContaining('"reviewResult" is not a kind that is sent'),
    expect.stringContaining('wishProgress: templateId is missing'),
    expect.stringContaining('wishProgress: title is missing'),
    expect.stringContaining('wishProgress: page must be a page path string'),
    expect.stringContaining('wishProgress: fields are missing'),
    expect.stringContaining('kind activityCancelled has no template'),
  ]);
  expect(en('nope')).toEqual(['must be a JSON object']);
});

test('an id that does not look like a WeChat template id is a gap', () => {
  const c = copy();
  c.wishProgress.templateId = 'TPL_WISH_UPDATE';
  expect(en(c)).toEqual([expect.stringContaining('"TPL_WISH_UPDATE" does not look like a WeChat template id')]);
});
