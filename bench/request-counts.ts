/**
 * Database requests per action (issue #13, part 4), from the emulator's counters.
 *
 * Run: `npx tsx bench/request-counts.ts [--write] [--log <file>] [jest paths…]`
 * - runs the unit test project (or the given paths) with `HONGSE_REQUEST_LOG` set, so the local
 *   server meters every cloud function call those tests make (emulator/host/request-meter.ts:
 *   the database requests the call sent, and how many of them write);
 * - `--log <file>` reads an existing log instead of running the tests;
 * - prints, for every action in docs/api.md, its kind (write when any successful call wrote),
 *   the median, the 90th percentile and the most requests of its successful calls, and the
 *   budget (read ≤ 4, write ≤ 6, ≤ 8 for the writes docs/adr/0017 names); actions no test
 *   called successfully are listed as not measured;
 * - the verdict is on the 90th percentile: the most includes calls that retried a conflicting
 *   transaction in the tests' races, and a sign-up that opened a group commit (it carries the
 *   transaction of up to 20 sign-ups);
 * - `--write` replaces the generated table in docs/performance.md;
 * - the last line is the verdict: how many actions are within budget.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MeteredCall } from '../emulator/host/request-meter';

const root = resolve(__dirname, '..');
const READ_BUDGET = 4;
const WRITE_BUDGET = 6;
/**
 * Writes that must touch more documents atomically than six requests allow; each is argued in
 * docs/adr/0017-requests-per-call.md.
 */
export const ATOMIC_WRITES: Record<string, number> = {
  'volunteer.signUp': 8,
  'volunteer.cancelSignup': 8,
  'deliberation.castBallot': 8,
  'checkin.checkIn': 8,
  'checkin.recordAttendance': 8,
  'wish.confirm': 8,
  'volunteer.scan': 8,
  'points.adjustPoints': 8,
  'checkin.withdrawRegistration': 8,
  'volunteer.get': 8,
  'volunteer.edit': 8,
  'volunteer.correctAttendance': 8,
  'checkin.decideRegistration': 8,
  'wish.clearHold': 8,
  'deliberation.clearHold': 8,
  'account.decideBinding': 8,
  'checkin.decideUnitRegistration': 8,
  'deliberation.advance': 8,
  'deliberation.addProgress': 8,
  'account.recordProxyConsent': 8,
  'deliberation.refuseProxyAct': 8,
  'volunteer.refuseProxyAct': 8,
  // A 代办 act and its audit entry in one transaction (ADR 0017, ADR 0040).
  'wish.post': 8,
  'deliberation.postOpinion': 8,
};

const BEGIN = '<!-- request-counts:begin (bench/request-counts.ts --write) -->';
const END = '<!-- request-counts:end -->';

function args(): { write: boolean; log?: string; paths: string[] } {
  const argv = process.argv.slice(2);
  const write = argv.includes('--write');
  const at = argv.indexOf('--log');
  const log = at >= 0 ? argv[at + 1] : undefined;
  const paths = argv.filter((a, i) => a !== '--write' && a !== '--log' && (at < 0 || i !== at + 1));
  return { write, log, paths };
}

function runTests(paths: string[]): string {
  const log = join(mkdtempSync(join(tmpdir(), 'request-counts-')), 'calls.jsonl');
  writeFileSync(log, '');
  const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const result = spawnSync(process.execPath, [jest, '--selectProjects', 'unit', '--silent', '--', ...paths], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, HONGSE_REQUEST_LOG: log },
  });
  if (result.status !== 0) console.error(`(the tests exited ${String(result.status)}; counting what they called)`);
  return log;
}

function documentedActions(): string[] {
  const api = readFileSync(join(root, 'docs', 'api.md'), 'utf8');
  return [...api.matchAll(/^### `([a-z]+\.[A-Za-z]+)`/gm)].map((m) => m[1]!);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const median = (values: number[]) => percentile(values, 50);

interface Row {
  action: string;
  kind: 'read' | 'write' | '—';
  calls: number;
  median: number | null;
  p90: number | null;
  max: number | null;
  budget: number | null;
  within: boolean | null;
}

function rows(calls: MeteredCall[]): Row[] {
  const byAction = new Map<string, MeteredCall[]>();
  for (const call of calls) {
    if (!call.ok) continue;
    const key = `${call.fn}.${call.action}`;
    byAction.set(key, [...(byAction.get(key) ?? []), call]);
  }
  return documentedActions().map((action): Row => {
    const ok = byAction.get(action) ?? [];
    if (ok.length === 0) {
      return { action, kind: '—', calls: 0, median: null, p90: null, max: null, budget: null, within: null };
    }
    const kind = ok.some((c) => c.writes > 0) ? 'write' : 'read';
    const requests = ok.map((c) => c.requests);
    const max = Math.max(...requests);
    const p90 = percentile(requests, 90);
    const budget = kind === 'read' ? READ_BUDGET : (ATOMIC_WRITES[action] ?? WRITE_BUDGET);
    return { action, kind, calls: ok.length, median: median(requests), p90, max, budget, within: p90 <= budget };
  });
}

function table(list: Row[]): string {
  const lines = [
    '| action | kind | calls measured | median | 90th pct | most | budget | |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...list.map(
      (r) =>
        `| \`${r.action}\` | ${r.kind} | ${r.calls} | ${r.median ?? '—'} | ${r.p90 ?? '—'} | ${r.max ?? '—'} | ${r.budget ?? '—'} | ${
          r.within === null ? 'not measured' : r.within ? 'ok' : '**over**'
        } |`,
    ),
  ];
  return lines.join('\n');
}

function main(): void {
  const { write, log, paths } = args();
  const file = log ?? runTests(paths);
  const calls = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as MeteredCall);
  const list = rows(calls);
  const text = table(list);
  console.log(text);
  const measured = list.filter((r) => r.within !== null);
  const over = measured.filter((r) => r.within === false);
  if (write) {
    const path = join(root, 'docs', 'performance.md');
    const doc = readFileSync(path, 'utf8');
    const from = doc.indexOf(BEGIN);
    const to = doc.indexOf(END);
    if (from < 0 || to < from) throw new Error(`docs/performance.md has no ${BEGIN} … ${END} block`);
    writeFileSync(path, `${doc.slice(0, from + BEGIN.length)}\n\n${text}\n\n${doc.slice(to)}`);
  }
  console.log(
    `request-counts: ${measured.length - over.length} of ${measured.length} measured actions within budget` +
      `${over.length ? ` — over: ${over.map((r) => `${r.action} ${r.p90}/${r.budget}`).join(', ')}` : ''}; ` +
      `${list.length - measured.length} of ${list.length} not measured (${calls.length} calls metered)`,
  );
  if (over.length > 0) process.exitCode = 1;
}

main();
