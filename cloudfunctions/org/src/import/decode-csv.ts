/**
 * CSV bytes to text. Excel saves "CSV UTF-8" with a byte-order mark, plain "CSV" in the
 * system code page — on a Chinese Windows GBK (code page 936) — and other tools UTF-8 without a
 * BOM. Rule: bytes that are valid UTF-8 are UTF-8 (BOM dropped); anything else is GB18030, the
 * superset of GBK, decoded with iconv-lite. Valid UTF-8 that is really GBK is rare for Chinese
 * text (GBK's two-byte sequences are seldom valid UTF-8), so the check is reliable in practice.
 */
import { decode } from 'iconv-lite';

export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { text: decode(bytes, 'gb18030'), encoding: 'gb18030' };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' };
}
