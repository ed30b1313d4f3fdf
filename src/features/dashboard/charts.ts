/**
 * The dashboard's charts as F2 elements, built with F2's `jsx` function (not JSX syntax: that is
 * React's in this project). Bars only: vertical for a few short categories, horizontal for long
 * names or many rows; each bar carries its value as text, so the chart reads without an axis.
 */
import { Axis, Chart, Interval, TextGuide, jsx } from '@antv/f2';

export type F2Element = ReturnType<typeof jsx>;

/** F2's `jsx`, typed loosely: its component classes do not match its own ElementType typing. */
const h = (type: unknown, props: object, ...children: F2Element[]): F2Element =>
  jsx(type as Parameters<typeof jsx>[0], props, ...children);

export interface Datum {
  label: string;
  value: number;
  /** The value as shown on the bar (e.g. "67%", "3.5"). */
  text: string;
}

export const CHART_COLORS = {
  red: '#c8102e',
  gold: '#d4a017',
  green: '#1a7f37',
  blue: '#2f6fb2',
  grey: '#8a8a8a',
} as const;

/**
 * The labels' size in CSS px (F2 converts only strings ending in 'px', from 750-wide design px):
 * canvas text does not read the stylesheets' fs(), so it follows the same rule here — at least
 * 14 px, 18 px in 长辈模式, and the person's text scale (the WeChat font size) above that.
 */
export function chartTextPx(elder: boolean, textScale: number): number {
  return Math.max(14, elder ? 18 : 0, Math.round(11 * (Number.isFinite(textScale) ? textScale : 1)));
}

/**
 * A bar chart of `data` in order. `max` fixes the value axis (100 for percentages); otherwise it
 * leaves room above the largest bar for its label. All-zero data still draws (empty bars).
 */
export function barChart(
  data: readonly Datum[],
  {
    horizontal = false,
    color = CHART_COLORS.red,
    max,
    textPx = 14,
  }: { horizontal?: boolean; color?: string; max?: number; textPx?: number } = {},
): F2Element {
  const top = Math.max(0, ...data.map((d) => d.value));
  const upper = max ?? (top <= 0 ? 1 : top);
  // A transposed axis lists categories bottom-up; reversed, the chart reads top-down like its table.
  const rows = (horizontal ? [...data].reverse() : data).map((d) => ({ ...d }));
  return h(
    Chart,
    {
      data: rows,
      coord: horizontal ? { transposed: true } : {},
      scale: {
        label: { type: 'cat' },
        value: { type: 'linear', min: 0, max: upper * (horizontal ? 1.3 : 1.18), nice: false, tickCount: 3 },
      },
    },
    h(Axis, {
      field: 'label',
      style: { label: { fontSize: textPx, fill: '#666666' }, line: { stroke: '#dddddd', lineWidth: 1 }, grid: null },
    }),
    h(Axis, { field: 'value', visible: false }),
    h(Interval, { x: 'label', y: 'value', color, sizeRatio: horizontal ? 0.55 : 0.6 }),
    ...rows.map((d) =>
      h(TextGuide, {
        records: [d],
        content: d.text,
        offsetX: horizontal ? 5 : 0,
        offsetY: horizontal ? 0 : -5,
        style: {
          fontSize: textPx,
          fontWeight: 'bold',
          fill: '#1f1f1f',
          textAlign: horizontal ? 'start' : 'center',
          textBaseline: horizontal ? 'middle' : 'bottom',
        },
      }),
    ),
  );
}
