/**
 * Times shown to people are China Standard Time (Asia/Shanghai), whatever the device's zone.
 * The arithmetic lives in `types/time.ts`, shared with the server; this adds the UI's
 * tolerance for missing or unreadable values.
 */
import { cstDay, formatCst } from '~types/time';

/** "2026-11-29 14:05"; an empty string for a missing or unreadable time. */
export function formatShanghai(iso: string | null | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return '';
  return formatCst(iso);
}

/** "2026-11-29" in Asia/Shanghai. */
export function formatShanghaiDate(iso: string | null | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return '';
  return cstDay(iso);
}
