/**
 * Times as people pick them on a form: a Shanghai wall-clock date and time ("2026-11-29",
 * "14:00"), sent as ISO times with the +08:00 offset, whatever the device's zone.
 */
import { cstParts, fromCst } from '~types/time';

const pad = (n: number) => String(n).padStart(2, '0');

export interface WallTime {
  date: string;
  time: string;
}

export function wallTime(at: Date | string): WallTime {
  const p = cstParts(typeof at === 'string' ? new Date(at) : at);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** "2026-11-29T14:00:00+08:00" */
export function toIso(w: WallTime): string {
  return `${w.date}T${w.time}:00+08:00`;
}

export function instant(w: WallTime): Date {
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  const [h, min] = w.time.split(':').map(Number) as [number, number];
  return fromCst(y, m, d, h, min);
}
