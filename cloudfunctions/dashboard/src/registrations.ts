/**
 * Registration figures (报到) from the roll-ups: registrations submitted in the range by their
 * status now (the days' `r.<status>`), and the backlog — every registration pending now (`rp` of
 * the present) with the oldest (`ro`: id → submitted at). Invariants: pure (no request);
 * narrowed to an estate, building or grid by the registration's household, as folded.
 */
import type { Overview } from '../../../types/dashboard';
import { oldestOf, sumMap, type Figures } from './rollup-model';

const ORDER = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

export function registrationsOf(days: Figures[], now: Figures[]): Overview['registrations'] {
  const counts = sumMap(days, 'r');
  const oldest = oldestOf(now.map((f) => (f['ro'] ?? {}) as Figures));
  return {
    byStatus: ORDER.map((key) => ({ key, count: counts.get(key) ?? 0 })),
    pending: now.reduce((s, f) => s + (typeof f['rp'] === 'number' ? f['rp'] : 0), 0),
    oldestPendingAt: oldest ? new Date(oldest.at).toISOString() : null,
  };
}
