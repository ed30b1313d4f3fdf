/** Calendar days in China time (YYYY-MM-DD) for the wanted-by date. */
import { cstParts } from '~types/time';

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in Asia/Shanghai, `offset` days later. */
export function cstDay(offset = 0, now = new Date()): string {
  const { year, month, day } = cstParts(now);
  const d = new Date(Date.UTC(year, month - 1, day + offset));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
