/**
 * The dashboard's chart labels are canvas text, which the stylesheets' fs() cannot reach: they
 * follow the same rule by hand (at least 14 px, 18 px in 长辈模式, the WeChat font size above).
 */
import { barChart, chartTextPx } from '../../src/features/dashboard/charts';

test('chart labels are at least 14 px, 18 px in 长辈模式, and grow with the WeChat font size', () => {
  expect(chartTextPx(false, 1)).toBe(14);
  expect(chartTextPx(true, 1.2)).toBe(18);
  expect(chartTextPx(false, 2)).toBe(22);
  expect(chartTextPx(true, 2.4)).toBe(26);
  expect(chartTextPx(false, Number.NaN)).toBe(14);
});

test('a bar chart draws its axis labels and its values at the size it is given', () => {
  const chart = barChart([{ label: '环境', value: 3, text: '3' }], { textPx: 18 });
  const sizes = JSON.stringify(chart).match(/"fontSize":\d+/g);
  expect(sizes).not.toBeNull();
  expect(new Set(sizes)).toEqual(new Set(['"fontSize":18']));
});
