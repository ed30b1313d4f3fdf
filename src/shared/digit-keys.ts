/**
 * What a key of the check-in number pad does to the digits typed so far (pure, for the pad in
 * src/shared/ui/spoken-code.tsx): a digit is added up to six, ⌫ takes the last one away, 清空 empties.
 */
export const CODE_LENGTH = 6;

export type PadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'back' | 'clear';

/** The pad's rows, as on a phone's dial pad. */
export const PAD_ROWS: PadKey[][] = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
  ['clear', '0', 'back'],
];

export function pressKey(typed: string, key: PadKey): string {
  if (key === 'clear') return '';
  if (key === 'back') return typed.slice(0, -1);
  return typed.length >= CODE_LENGTH ? typed : typed + key;
}
