/**
 * Rotating, server-signed QR codes for check-in (events, and later volunteer activities).
 *
 * A code is `HSLL1.<kind>.<id>.<slot>.<mac>`: `slot` is the 30-second window it was issued in,
 * `mac` an HMAC-SHA256 over kind, id and slot with the target's own secret (stored with the
 * event, never sent to clients). A code is accepted in its own slot and the next one (so a scan
 * at the turn of a slot still works: at most 60 s), which makes a forwarded screenshot useless
 * a minute later. Verification is pure; the caller loads the secret for the id in the code.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SLOT_SECONDS = 30;
const PREFIX = 'HSLL1';

export type QrKind = 'event' | 'activity-in' | 'activity-out';
const KINDS: readonly QrKind[] = ['event', 'activity-in', 'activity-out'];

export interface ParsedCode {
  kind: QrKind;
  id: string;
  slot: number;
  mac: string;
}

export type QrRefusal = 'qr.malformed' | 'qr.forged' | 'qr.expired' | 'qr.not-yet-valid';

export function newQrSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function slotOf(now: Date): number {
  return Math.floor(now.getTime() / 1000 / SLOT_SECONDS);
}

function mac(secret: string, kind: QrKind, id: string, slot: number): string {
  return createHmac('sha256', secret).update(`${kind}.${id}.${slot}`).digest('base64url').slice(0, 22);
}

export function signCode(
  secret: string,
  kind: QrKind,
  id: string,
  now: Date,
): { code: string; refreshAt: Date; expiresAt: Date } {
  const slot = slotOf(now);
  return {
    code: `${PREFIX}.${kind}.${id}.${slot}.${mac(secret, kind, id, slot)}`,
    refreshAt: new Date((slot + 1) * SLOT_SECONDS * 1000),
    expiresAt: new Date((slot + 2) * SLOT_SECONDS * 1000),
  };
}

/** Reads a code without trusting it; null when it is not one of ours. */
export function parseCode(text: string): ParsedCode | null {
  const parts = text.trim().split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX) return null;
  const [, kind, id, slotText, macText] = parts as [string, string, string, string, string];
  if (!(KINDS as readonly string[]).includes(kind) || !/^[A-Za-z0-9_-]{1,64}$/.test(id) || !/^\d{1,12}$/.test(slotText))
    return null;
  if (!/^[A-Za-z0-9_-]{22}$/.test(macText)) return null;
  return { kind: kind as QrKind, id, slot: Number(slotText), mac: macText };
}

/** Checks a parsed code against the target's secret and the clock. */
export function verifyCode(
  parsed: ParsedCode,
  secret: string,
  now: Date,
): { ok: true } | { ok: false; reason: QrRefusal } {
  const expected = Buffer.from(mac(secret, parsed.kind, parsed.id, parsed.slot));
  const given = Buffer.from(parsed.mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'qr.forged' };
  const current = slotOf(now);
  if (parsed.slot > current) return { ok: false, reason: 'qr.not-yet-valid' };
  if (parsed.slot < current - 1) return { ok: false, reason: 'qr.expired' };
  return { ok: true };
}

export const qrRefusalMessages: Record<QrRefusal, string> = {
  'qr.malformed': '这不是本系统的签到码',
  'qr.forged': '签到码无效，请扫描现场大屏或组织者手机上的二维码',
  'qr.expired': '签到码已过期，请重新扫描现场的最新二维码',
  'qr.not-yet-valid': '签到码时间异常，请检查手机时间后重新扫描',
};
