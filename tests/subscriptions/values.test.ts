/**
 * Template values as WeChat limits them (types/subscriptions.ts): each type's length and
 * character rules, times and dates in their 年月日 forms on the Shanghai clock, and a message
 * built from a kind's values with its own template, field mapping and page.
 */
import {
  fieldTypes,
  formatFieldValue,
  isValidFieldValue,
  readSubscriptionConfig,
  subscriptionKinds,
  subscriptionRequest,
  type FieldType,
  type SubscriptionMessage,
} from '../../types/subscriptions';
import example from '../../deploy/examples/subscriptions.json';
import { activity, activityCancelledFields, at, wishClaimed, wishClaimedFields } from './examples';

describe('formatFieldValue', () => {
  test('thing: at most 20 characters, a cut one ends with …; no newlines or emoji', () => {
    expect(formatFieldValue('thing', '需要一个助行器')).toBe('需要一个助行器');
    const long = '请帮忙修理三号楼二单元楼道里坏了很久的声控灯和门禁';
    const cut = formatFieldValue('thing', long)!;
    expect(Array.from(cut)).toHaveLength(20);
    expect(cut).toBe(`${Array.from(long).slice(0, 19).join('')}…`);
    expect(formatFieldValue('thing', '第一行\n第二行 🎉')).toBe('第一行 第二行');
    expect(formatFieldValue('thing', '   ')).toBeNull();
  });

  test('short_thing: at most 5 characters', () => {
    expect(formatFieldValue('short_thing', '候补已转为已报名')).toBe('候补已转为');
  });

  test('phrase: at most 5 Chinese characters, nothing else', () => {
    expect(formatFieldValue('phrase', '已认领')).toBe('已认领');
    expect(formatFieldValue('phrase', '候补成功 OK!')).toBe('候补成功');
    expect(formatFieldValue('phrase', '审核已经通过了')).toBe('审核已经通');
    expect(formatFieldValue('phrase', 'done')).toBeNull();
  });

  test('name: 10 Chinese characters, or 20 letters', () => {
    expect(formatFieldValue('name', '欧阳娜娜娜娜娜娜娜娜娜娜')).toBe('欧阳娜娜娜娜娜娜娜娜');
    expect(formatFieldValue('name', 'Alexandra Konstantinopoulou')).toBe('Alexandra Konstantin');
    expect(formatFieldValue('name', '李 Lee')).toBe('李Lee');
  });

  test('character_string, letter, symbol and number keep only what the type allows, within its length', () => {
    expect(formatFieldValue('character_string', '订单 A-2026/12 #0042')).toBe('A-2026/12#0042');
    expect(formatFieldValue('character_string', 'x'.repeat(40))).toBe('x'.repeat(32));
    expect(formatFieldValue('letter', 'ab-12cd')).toBe('abcd');
    expect(formatFieldValue('symbol', 'a+b-c*d/e=f')).toBe('+-*/=');
    expect(formatFieldValue('number', 42)).toBe('42');
    expect(formatFieldValue('number', '3.5')).toBe('3.5');
    expect(formatFieldValue('number', '三')).toBeNull();
    expect(formatFieldValue('number', '1'.repeat(33))).toBeNull();
  });

  test('time and date: 年月日 forms on the Shanghai clock; a text is kept only in a valid form', () => {
    expect(formatFieldValue('time', at)).toBe('2026年12月06日 14:05');
    expect(formatFieldValue('date', at)).toBe('2026年12月06日');
    expect(formatFieldValue('thing', at)).toBe('2026年12月06日 14:05');
    expect(formatFieldValue('time', '15:01')).toBe('15:01');
    expect(formatFieldValue('time', '2019年10月1日 15:01~2019年10月1日 17:00')).toBe(
      '2019年10月1日 15:01~2019年10月1日 17:00',
    );
    expect(formatFieldValue('date', '2018-01-01')).toBe('2018-01-01');
    expect(formatFieldValue('time', '明天下午')).toBeNull();
    expect(formatFieldValue('time', new Date(Number.NaN))).toBeNull();
  });

  test('amount, phone_number, car_number: right or not at all', () => {
    expect(formatFieldValue('amount', 12.5)).toBe('¥12.50');
    expect(formatFieldValue('amount', '¥100元')).toBe('¥100元');
    expect(formatFieldValue('phone_number', '+86-0766-66888866')).toBe('+86-0766-66888866');
    expect(formatFieldValue('phone_number', '+86-0766-66888866-123')).toBeNull();
    expect(formatFieldValue('car_number', '粤A8Z888挂')).toBe('粤A8Z888挂');
    expect(formatFieldValue('car_number', '粤A8Z888挂挂')).toBeNull();
  });

  test('whatever it returns is valid for its type', () => {
    const samples = [
      '需要一个助行器',
      'x'.repeat(50),
      '已认领',
      '12',
      'A-1',
      '+86 138',
      '粤A12345',
      '李雷',
      at,
      3.25,
      '',
    ];
    for (const type of fieldTypes) {
      for (const sample of samples) {
        const out = formatFieldValue(type as FieldType, sample);
        if (out !== null) expect([type, out, isValidFieldValue(type, out)]).toEqual([type, out, true]);
      }
    }
  });
});

describe('subscriptionRequest', () => {
  const config = readSubscriptionConfig(example);
  const messages: SubscriptionMessage[] = [
    {
      kind: 'wishProgress',
      openid: 'o-poster',
      values: { ...wishClaimed, wishId: 'w 1' },
    },
    {
      kind: 'claimProgress',
      openid: 'o-claimer',
      values: { ...wishClaimed, wishId: 'w1', status: '已确认', notice: '心愿已确认完成' },
    },
    {
      kind: 'waitlistPromoted',
      openid: 'o-volunteer',
      values: { ...activity, status: '候补成功', notice: '候补已转为已报名' },
    },
    {
      kind: 'activityCancelled',
      openid: 'o-volunteer',
      values: { ...activity, reason: '天气原因' },
    },
    {
      kind: 'voteOpen',
      openid: 'o-resident',
      values: {
        topicId: 't1',
        topicTitle: '加装电梯',
        closesAt: new Date('2026-12-10T10:00:00Z'),
        notice: '请代表您的房屋投票',
      },
    },
    {
      kind: 'topicProgress',
      openid: 'o-resident',
      values: {
        topicId: 't1',
        topicTitle: '加装电梯',
        status: '执行中',
        notice: '执行进度50%',
        time: new Date('2026-12-10T10:00:00Z'),
      },
    },
    {
      kind: 'wishReview',
      openid: 'o-leader',
      values: { wishId: 'w1', wishTitle: '帮忙修水管', notice: '有居民发布了心愿，等待您审核', time: new Date() },
    },
    {
      kind: 'applicationResult',
      openid: 'o-applicant',
      values: { subject: '房屋绑定申请', status: '未通过', notice: '原因：房屋信息不符', time: new Date() },
    },
  ];

  test('each kind is sent with its own template, its field mapping and its page', () => {
    const built = messages.map((m) => subscriptionRequest(config, m));
    const ids = built.map((b) => (b.ok ? b.request.templateId : null));
    expect(new Set(ids).size).toBe(subscriptionKinds.length);
    expect(built[0]).toEqual({
      ok: true,
      request: {
        touser: 'o-poster',
        templateId: example.wishProgress.templateId,
        page: 'packages/wish/pages/detail/index?id=w%201',
        data: wishClaimedFields,
      },
    });
    expect(built[1]).toMatchObject({
      ok: true,
      request: { data: { date3: { value: '2026年12月06日' }, phrase1: { value: '已确认' } } },
    });
    expect(built[3]).toMatchObject({
      ok: true,
      request: {
        templateId: example.activityCancelled.templateId,
        page: 'packages/volunteer/pages/detail/index?id=a1',
        data: activityCancelledFields,
      },
    });
  });

  test('an unconfigured kind or a value that cannot be made valid yields no request, with the reason', () => {
    expect(subscriptionRequest({}, messages[0]!)).toEqual({ ok: false, reason: 'kind wishProgress is not configured' });
    const bad = { ...messages[1]!, values: { ...messages[1]!.values, status: 'OK' } } as SubscriptionMessage;
    expect(subscriptionRequest(config, bad)).toEqual({
      ok: false,
      reason: 'field phrase1 (phrase from status) has no valid value',
    });
  });
});
