/**
 * The server's "not signed in / not registered / not in this community" refusals lead the
 * person to the step they are missing (sign in, register, bind a household) instead of an
 * error; every other failure stays an error.
 */
import { actions, refusalsOf } from '../../types/actions';
import { AppError } from '../../types/errors';
import { BIND_REASONS, NETWORK_FAILED, PROFILE_REASONS, needOf } from '../../src/services/call-failure';

test('a caller without identity is led to sign in', () => {
  expect(needOf(new AppError('UNAUTHENTICATED', 'auth.no-identity', '请在微信中打开，或先选择身份'))).toBe('sign-in');
});

test('a caller without a profile is led to register it', () => {
  expect(needOf(new AppError('PRECONDITION_FAILED', 'account.no-profile', '请先完善个人信息'))).toBe('profile');
  expect(needOf(new AppError('FORBIDDEN', 'wish.no-profile'))).toBe('profile');
});

test('a caller outside the community is led to bind a household', () => {
  expect(needOf(new AppError('FORBIDDEN', 'wish.not-in-community'))).toBe('bind');
  expect(needOf(new AppError('FORBIDDEN', 'topic.not-in-community'))).toBe('bind');
  expect(needOf(new AppError('FORBIDDEN', 'checkin.not-in-community'))).toBe('bind');
});

test('other failures stay errors', () => {
  // The same reason as NOT_FOUND names another person (an admin adjusting points), not the caller.
  expect(needOf(new AppError('NOT_FOUND', 'points.not-in-community', '本社区没有这个人'))).toBeNull();
  expect(needOf(new AppError('FORBIDDEN', 'auth.not-admin'))).toBeNull();
  expect(needOf(new AppError('INTERNAL', 'network.unavailable', NETWORK_FAILED))).toBeNull();
  expect(needOf(new Error('boom'))).toBeNull();
  expect(needOf(undefined)).toBeNull();
});

test('every reason the lead maps is one some action declares (a renamed reason fails here)', () => {
  const declared = new Map<string, Set<string>>();
  for (const area of Object.values(actions)) {
    for (const spec of Object.values(area)) {
      for (const [reason, code] of Object.entries(refusalsOf(spec))) {
        declared.set(reason, (declared.get(reason) ?? new Set()).add(code));
      }
    }
  }
  for (const reason of PROFILE_REASONS) expect(declared.has(reason)).toBe(true);
  for (const reason of BIND_REASONS) expect(declared.get(reason)?.has('FORBIDDEN')).toBe(true);
});
