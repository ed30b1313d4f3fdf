/**
 * The check-in number pad's keys (src/shared/digit-keys.ts): digits are added up to
 * six and no more, ⌫ takes the last one away, 清空 empties; the pad is a dial pad with 0 at the
 * bottom between 清空 and ⌫.
 */
import { PAD_ROWS, pressKey, type PadKey } from '../../src/shared/digit-keys';

const typeKeys = (keys: PadKey[]) => keys.reduce(pressKey, '');

test('adds digits in order and stops at six', () => {
  expect(typeKeys(['0', '4', '8'])).toBe('048');
  expect(typeKeys(['1', '2', '3', '4', '5', '6', '7', '8'])).toBe('123456');
});

test('takes the last digit away with ⌫ (nothing on empty) and empties with 清空', () => {
  expect(typeKeys(['1', '2', 'back', '3'])).toBe('13');
  expect(typeKeys(['back'])).toBe('');
  expect(typeKeys(['1', '2', '3', 'clear', '9'])).toBe('9');
});

test('lays the ten digits and the two edit keys out as a phone dial pad', () => {
  expect(PAD_ROWS.map((row) => row.join(' '))).toEqual(['1 2 3', '4 5 6', '7 8 9', 'clear 0 back']);
});
