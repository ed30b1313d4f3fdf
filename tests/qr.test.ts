/** Rotating signed QR codes: accepted for their slot and the next, refused when old, forged or foreign. */
import { newQrSecret, parseCode, signCode, SLOT_SECONDS, verifyCode } from '../cloudfunctions/_shared/qr';

const secret = newQrSecret();
const t0 = new Date('2026-11-29T06:00:05Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

test('a fresh code parses and verifies, and says when to refresh and when it expires', () => {
  const { code, refreshAt, expiresAt } = signCode(secret, 'event', 'evt-1', t0);
  const parsed = parseCode(code);
  expect(parsed).toMatchObject({ kind: 'event', id: 'evt-1' });
  expect(verifyCode(parsed!, secret, t0)).toEqual({ ok: true });
  expect(expiresAt.getTime() - refreshAt.getTime()).toBe(SLOT_SECONDS * 1000);
});

test('a code is still accepted in the next slot and refused as expired after that', () => {
  const parsed = parseCode(signCode(secret, 'event', 'evt-1', t0).code)!;
  expect(verifyCode(parsed, secret, later(SLOT_SECONDS))).toEqual({ ok: true });
  expect(verifyCode(parsed, secret, later(2 * SLOT_SECONDS))).toEqual({ ok: false, reason: 'qr.expired' });
});

test('a code signed with another secret, or altered, is refused as forged', () => {
  const code = signCode(newQrSecret(), 'event', 'evt-1', t0).code;
  expect(verifyCode(parseCode(code)!, secret, t0)).toEqual({ ok: false, reason: 'qr.forged' });
  const mine = signCode(secret, 'event', 'evt-1', t0).code;
  const retargeted = mine.replace('evt-1', 'evt-2');
  expect(verifyCode(parseCode(retargeted)!, secret, t0)).toEqual({ ok: false, reason: 'qr.forged' });
  const reslotted = parseCode(mine)!;
  expect(verifyCode({ ...reslotted, slot: reslotted.slot + 100 }, secret, later(100 * SLOT_SECONDS))).toEqual({
    ok: false,
    reason: 'qr.forged',
  });
});

test('a code from the future is refused, and text that is not a code does not parse', () => {
  const future = parseCode(signCode(secret, 'event', 'evt-1', later(3 * SLOT_SECONDS)).code)!;
  expect(verifyCode(future, secret, t0)).toEqual({ ok: false, reason: 'qr.not-yet-valid' });
  for (const text of [
    '',
    'https://example.invalid',
    'HSLL1.event.evt-1.1.x',
    'HSLL1.bogus.evt-1.1.aaaaaaaaaaaaaaaaaaaaaa',
  ]) {
    expect(parseCode(text)).toBeNull();
  }
});
