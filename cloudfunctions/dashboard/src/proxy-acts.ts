/**
 * 代办 figures from the roll-ups: the acts done for residents in the range, by act (the days'
 * `px.<act>`, docs/adr/0040-proxy-acts.md). Invariants: pure (no request); counted for the
 * community and per grid only — an estate or building view has no such figure (null), since an
 * act's audit entry names its grid, not the resident's estate or building.
 */
import type { Overview } from '../../../types/dashboard';
import { PROXY_ACTS } from '../../../types/labels/proxy';
import { sumMap, type Figures } from './rollup-model';

export function proxyActsOf(days: Figures[], counted: boolean): Overview['proxyActs'] {
  if (!counted) return null;
  const counts = sumMap(days, 'px');
  const byAct = PROXY_ACTS.map((act) => ({ act, count: counts.get(act) ?? 0 }));
  return { total: byAct.reduce((s, a) => s + a.count, 0), byAct };
}
