/**
 * The spoken code's arithmetic with an injected clock (cloudfunctions/checkin/src/spoken-code.ts):
 * six digits per event and 2-minute window, changing only at a QR slot's turn, accepted in their
 * window and the next, "expired" a little after, and spaces as read aloud ignored.
 */
import {
  asSpokenCode,
  checkSpokenCode,
  currentSpokenCode,
  spokenDigits,
  spokenWindowOf,
} from '../../cloudfunctions/checkin/src/spoken-code';

const SECRET = 'test-secret-0123456789abcdef';
const T0 = new Date('2026-12-07T02:00:00.000Z'); // a window's start (2 minutes divide the hour)
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

test('gives six digits that stay the same for 2 minutes and change at the turn, together with the QR', () => {
  const first = currentSpokenCode(SECRET, 'evt-1', T0);
  expect(first.code).toMatch(/^\d{6}$/);
  expect(currentSpokenCode(SECRET, 'evt-1', at(119.9)).code).toBe(first.code);
  expect(first.refreshAt).toEqual(at(120));
  expect(currentSpokenCode(SECRET, 'evt-1', at(120)).code).not.toBe(first.code);
});

test('gives different events (and secrets) unrelated digits for the same window', () => {
  const w = spokenWindowOf(T0);
  expect(spokenDigits(SECRET, 'evt-1', w)).not.toBe(spokenDigits(SECRET, 'evt-2', w));
  expect(spokenDigits(SECRET, 'evt-1', w)).not.toBe(spokenDigits('another-secret', 'evt-1', w));
});

test('accepts a code during its window and the next one, then calls it expired for a while, then wrong', () => {
  const code = currentSpokenCode(SECRET, 'evt-1', T0).code;
  expect(checkSpokenCode(SECRET, 'evt-1', code, at(0))).toBe('ok');
  expect(checkSpokenCode(SECRET, 'evt-1', code, at(239))).toBe('ok');
  expect(checkSpokenCode(SECRET, 'evt-1', code, at(240))).toBe('expired');
  expect(checkSpokenCode(SECRET, 'evt-1', code, at(599))).toBe('expired');
  expect(checkSpokenCode(SECRET, 'evt-1', code, at(600))).toBe('wrong');
  expect(checkSpokenCode(SECRET, 'evt-2', code, at(0))).toBe('wrong');
});

test('reads six digits with spaces as a spoken code, and anything else as not one', () => {
  expect(asSpokenCode(' 048 213 ')).toBe('048213');
  expect(asSpokenCode('04821')).toBeNull();
  expect(asSpokenCode('0482131')).toBeNull();
  expect(asSpokenCode('HSLL1.event.x.1.abc')).toBeNull();
});
