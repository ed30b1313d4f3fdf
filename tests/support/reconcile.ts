/**
 * Running an area's `reconcile` action over every page of a community, as an admin would page
 * through it (each area's reconcile answers a page and the `next` cursor).
 */
import { ReconcileReport, type CounterRepair } from '../../types/reconcile';
import { expectOk } from '../account/helpers';
import { DEMO, type Fixture } from './fixtures';

/** Calls `area.reconcile` page by page until `next` is null; returns what every page checked and repaired. */
export async function reconcilePages(
  f: Fixture,
  area: 'checkin' | 'deliberation' | 'points',
  openid: string,
  communityId = DEMO,
): Promise<{ checked: number; repaired: CounterRepair[] }> {
  let after: string | undefined;
  const out = { checked: 0, repaired: [] as CounterRepair[] };
  for (let page = 0; page < 100; page++) {
    const r = expectOk(await f.call(openid, area, 'reconcile', { communityId, after }), ReconcileReport);
    out.checked += r.checked;
    out.repaired.push(...r.repaired);
    if (r.next === null) return out;
    after = r.next;
  }
  throw new Error('reconcile did not finish');
}
