/** The arithmetic of the − / + number buttons (ui/number-steps.tsx). */
/** The text after a step: the number moved by `delta` and kept in [min, max]; an unreadable text starts from `min`. */
export function stepValue(text: string, delta: number, min: number, max: number): string {
  const n = Number(text.trim());
  const from = text.trim() !== '' && Number.isFinite(n) ? Math.round(n) : min - (delta > 0 ? delta : 0);
  return String(Math.min(max, Math.max(min, from + delta)));
}
