/**
 * Masking for what one person may see of another. Invariant: a function that returns another
 * person's phone or name passes it through here unless the caller's role needs it in full. A
 * 网格员 or 网格长 sees the phones of their own grid's residents in full (account.listPeople,
 * org.getGrid, and a wish's contact in wish.get) and every other phone masked, like any other
 * non-admin (docs/privacy.md, "The grid rule").
 */

/** 13800000001 → 138****0001; anything not 11 digits → "***". */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***';
}

/** 张秀英 → 张*; a one-character name stays as "*". */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return `${chars[0]}*`;
}
