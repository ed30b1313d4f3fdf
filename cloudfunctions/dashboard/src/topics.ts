/**
 * Topic figures (议事) from the roll-ups: topics by the step they are in now (`t.<step>` of the
 * present), and the average days a topic spent in each step it left during the range (the days'
 * `tl.<step>` intervals and `tm.<step>` their total ms). Invariants: pure (no request); the step
 * a topic is in now is not averaged until it leaves it; narrowed by estate/building/grid.
 */
import type { Overview } from '../../../types/dashboard';
import { Step } from '../../../types/deliberation';
import { sumMap, type Figures } from './rollup-model';

const DAY = 24 * 3_600_000;

export function topicsOf(days: Figures[], now: Figures[]): Overview['topics'] {
  const current = sumMap(now, 't');
  const left = sumMap(days, 'tl');
  const ms = sumMap(days, 'tm');
  return {
    byStep: Step.options.map((step) => ({ step, count: current.get(step) ?? 0 })),
    avgDaysPerStep: Step.options.flatMap((step) => {
      const n = left.get(step) ?? 0;
      return n > 0 ? [{ step, days: Math.round(((ms.get(step) ?? 0) / n / DAY) * 100) / 100, samples: n }] : [];
    }),
  };
}
