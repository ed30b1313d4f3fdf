/**
 * The lived-in demo: the demo community (demo-community.ts) as it stood a little over a year
 * ago, then a year of its life played through the real actions on the local server's moving
 * clock, one module at a time (each module's acts in date order), and the clock put back to the
 * machine's. The points module runs last: it closes the quarters over the credits the others
 * earned.
 *
 * Deterministic in its people and texts (ids and exact instants follow the day it runs: the
 * history always ends today, and upcoming things stay upcoming).
 */
import { performance } from 'node:perf_hooks';
import { resetLocalClock } from '../../host/clock';
import type { FunctionHost } from '../../host/function-host';
import { seedDemoCommunity } from '../demo-community';
import { castOf } from './cast';
import { checkinHistory } from './checkin';
import { deliberationHistory } from './deliberation';
import { pointsHistory } from './points';
import { proxyHistory } from './proxy';
import { History } from './runner';
import { volunteerHistory } from './volunteer';
import { wishHistory } from './wish';

/** How long before today the community is founded (a little over a year). */
export const FOUNDED_DAYS_AGO = 400;

/**
 * Folds the year into the dashboard's roll-ups by firing their timer as the platform would
 * (docs/adr/0042-roll-ups.md) until every source is through, so that the demo's dashboard is
 * full at the first open rather than after the timer's first runs.
 */
async function foldRollups(h: History, today: Date): Promise<Record<string, number>> {
  h.at(today);
  const folded: Record<string, number> = {};
  for (let run = 0; run < 500; run++) {
    const reports = (await h.timer('dashboard', 'rollups')) as Array<{ source: string; folded: number; done: boolean }>;
    for (const r of reports) folded[r.source] = (folded[r.source] ?? 0) + r.folded;
    if (reports.every((r) => r.done)) return folded;
  }
  throw new Error('seed: the roll-ups did not catch up in 500 runs');
}

export interface SeedReport {
  people: number;
  households: number;
  calls: number;
  ms: number;
  modules: Record<string, Record<string, number>>;
}

export async function seedLivedInDemo(options: {
  host: FunctionHost;
  envId: string;
  today?: Date;
}): Promise<SeedReport> {
  const started = performance.now();
  const today = options.today ?? new Date();
  const h = new History({ host: options.host, envId: options.envId, today });
  try {
    const founded = h.day(-FOUNDED_DAYS_AGO, 9);
    h.at(founded);
    const base = await seedDemoCommunity(options.envId, founded);
    const cast = castOf(founded);
    const modules: SeedReport['modules'] = {};
    modules.checkin = await checkinHistory(h, cast);
    modules.wish = await wishHistory(h, cast);
    modules.volunteer = await volunteerHistory(h, cast);
    modules.deliberation = await deliberationHistory(h, cast);
    modules.proxy = await proxyHistory(h, cast);
    modules.points = await pointsHistory(h, cast, founded);
    modules.rollups = await foldRollups(h, today);
    return {
      people: base.users ?? 0,
      households: base.households ?? 0,
      calls: h.calls,
      ms: Math.round(performance.now() - started),
      modules,
    };
  } finally {
    resetLocalClock();
  }
}
