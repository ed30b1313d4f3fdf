/**
 * points.getRules and points.updateRules: the per-community rules table with its defaults;
 * anyone with a role in the community reads it, only its admins change it (audited).
 */
import { PointRules } from '../../types/points';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { auditOf, expectError, expectOk, expectRefused, nonAdmins } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

const valid = {
  communityId: DEMO,
  registration: 12,
  checkin: 3,
  volunteerHour: 4,
  wishFulfilled: 8,
  deliberation: 1,
  quarterThreshold: 30,
};

describe('points.getRules', () => {
  test('gives the defaults until an admin edits them, to anyone with a role in the community', async () => {
    for (const openid of [demoPersonas.admin, demoPersonas.resident, demoPersonas.member, demoPersonas.liaison]) {
      const rules = expectOk(await f.call(openid, 'points', 'getRules', { communityId: DEMO }), PointRules);
      expect(rules).toMatchObject({
        communityId: DEMO,
        registration: 10,
        checkin: 2,
        volunteerHour: 5,
        wishFulfilled: 10,
        deliberation: 2,
        quarterThreshold: 20,
      });
    }
  });

  test('refuses outsiders, other communities and anonymous callers; bad input is VALIDATION', async () => {
    for (const [openid, data, code, reason] of [
      ['openid-never-seen', { communityId: DEMO }, 'FORBIDDEN', 'points.not-in-community'],
      [otherPersonas.admin, { communityId: DEMO }, 'FORBIDDEN', 'points.not-in-community'],
      [demoPersonas.admin, { communityId: OTHER }, 'FORBIDDEN', 'points.not-in-community'],
      [null, { communityId: DEMO }, 'UNAUTHENTICATED', 'auth.no-identity'],
      [demoPersonas.admin, {}, 'VALIDATION', 'input.invalid'],
      [demoPersonas.admin, { communityId: DEMO, extra: 1 }, 'VALIDATION', 'input.invalid'],
    ] as const) {
      await expectRefused(f, openid, 'getRules', data, code, reason);
    }
  });
});

describe('points.updateRules', () => {
  test('an admin edits the rules; everyone then reads them; the change is audited with before and after', async () => {
    const rules = expectOk(await f.call(demoPersonas.admin, 'points', 'updateRules', valid), PointRules);
    expect(rules).toMatchObject(valid);
    expect(f.find('point_rules', { _id: DEMO })).toHaveLength(1);
    const read = expectOk(await f.call(demoPersonas.member, 'points', 'getRules', { communityId: DEMO }), PointRules);
    expect(read).toEqual(rules);
    // The other community keeps its defaults.
    const other = expectOk(await f.call(otherPersonas.admin, 'points', 'getRules', { communityId: OTHER }), PointRules);
    expect(other.quarterThreshold).toBe(20);
    const [audit] = auditOf(f, 'points.updateRules');
    expect(audit).toMatchObject({
      communityId: DEMO,
      actorName: '王红梅',
      targetId: DEMO,
      before: expect.objectContaining({ quarterThreshold: 20 }),
      after: expect.objectContaining({ quarterThreshold: 30 }),
    });
    // Editing again replaces the one document.
    expectOk(await f.call(demoPersonas.admin, 'points', 'updateRules', { ...valid, checkin: 5 }), PointRules);
    expect(f.find('point_rules', { _id: DEMO })).toEqual([
      expect.objectContaining({ checkin: 5, quarterThreshold: 30 }),
    ]);
  });

  test.each([
    ['a negative value', { checkin: -1 }, 'checkin', '分值不能为负'],
    ['a fraction', { registration: 1.5 }, 'registration', '分值必须是整数'],
    ['over 100', { volunteerHour: 101 }, 'volunteerHour', '分值不超过100'],
    ['a threshold over 1000', { quarterThreshold: 1001 }, 'quarterThreshold', '达标分不超过1000'],
    ['a missing value', { deliberation: undefined }, 'deliberation', '请填写分值'],
  ])('refuses %s as VALIDATION and writes nothing', async (_label, patch, field, message) => {
    const reply = await expectRefused(
      f,
      demoPersonas.admin,
      'updateRules',
      { ...valid, ...patch },
      'VALIDATION',
      'input.invalid',
    );
    expect(reply.error.fields[field]).toBe(message);
  });

  test.each(nonAdmins)('refuses %s as FORBIDDEN and writes nothing', async (_label, openid) => {
    await expectRefused(f, openid, 'updateRules', valid, 'FORBIDDEN', 'auth.not-admin');
  });

  test('scope: neither community’s admin edits the other’s rules; anonymous is UNAUTHENTICATED', async () => {
    for (const [openid, data, code, reason] of [
      [otherPersonas.admin, valid, 'FORBIDDEN', 'auth.not-admin'],
      [demoPersonas.admin, { ...valid, communityId: OTHER }, 'FORBIDDEN', 'auth.not-admin'],
    ] as const) {
      await expectRefused(f, openid, 'updateRules', data, code, reason);
    }
    expectError(await f.call(null, 'points', 'updateRules', valid), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});
