/**
 * The medians' duration histograms (docs/adr/0042-roll-ups.md, "Medians"): a bounded number of
 * keys whatever the number of wishes, and a median within the documented bound of the exact one.
 */
import { durationKey } from '../../cloudfunctions/dashboard/src/rollup-model';
import { medianOf } from '../../cloudfunctions/dashboard/src/wishes';
import { expectMedianNear } from './rollups';

const MIN = 60_000;

function histogram(minutes: number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of minutes) {
    const key = `m${durationKey(m * MIN)}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function exactMedian(minutes: number[]): number {
  const s = [...minutes].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)]! + s[Math.floor(s.length / 2)]!) / 2 / 60;
}

test('a histogram has at most about forty keys up to 60 days, however many durations it holds', () => {
  const minutes = Array.from({ length: 100_000 }, (_, i) => (i * 60 * 24 * 60) / 100_000);
  expect(histogram(minutes).size).toBeLessThanOrEqual(45);
  // Keys are lower bounds in whole minutes, increasing with the duration.
  const keys = minutes.map((m) => durationKey(m * MIN));
  for (let i = 1; i < keys.length; i++) expect(keys[i]!).toBeGreaterThanOrEqual(keys[i - 1]!);
});

test('a median from the histogram is within 15 minutes below an hour and within 10 % above', () => {
  let seed = 7;
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let trial = 0; trial < 500; trial++) {
    const n = 1 + Math.floor(rand() * 60);
    const scale = [30, 600, 6_000, 60_000][trial % 4]!;
    const minutes = Array.from({ length: n }, () => rand() * rand() * scale);
    expectMedianNear(medianOf(histogram(minutes)), exactMedian(minutes));
  }
  expect(medianOf(new Map())).toBeNull();
});
