/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): where the busy time of a thread went, by part
 * of the local stack (the SDK, bson, Node's HTTP, the emulator's engine, SQLite, the functions…)
 * and by function (self time), plus the inclusive time of the functions named with --focus.
 *
 * Run: npx tsx bench/support/cpu-profile-summary.ts <file.cpuprofile> [--top=25] [--focus=name,name]
 *      [--from=s] [--to=s]   (only the samples in that window, seconds from the profile's start;
 *                            a per-second busy timeline is printed to choose it)
 * e.g. after `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/signup-bench.ts`
 * (the largest profile is the server thread's; the others are the load-generating workers').
 */
import { readFileSync } from 'node:fs';

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface Node {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The part of the local stack a frame belongs to. */
function partOf(frame: Frame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'gc';
    if (functionName === '(idle)' || functionName === '(program)') return functionName;
    return 'native';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] === 'better-sqlite3' ? 'sqlite' : pkg[1]!;
  if (url.startsWith('node:')) {
    if (/_http|node:http|node:net|node:stream|internal\/streams|node:internal\/http/.test(url))
      return 'node:http/net/stream';
    return 'node:other';
  }
  const m = /\/(emulator\/db|emulator\/host|emulator|cloudfunctions\/[^/]+|types|tests|bench)\//.exec(url);
  return m ? m[1]!.replace(/^cloudfunctions\/[^/]+$/, 'cloudfunctions (bundles)') : 'other';
}

function main(): void {
  const [file, ...flags] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [--top=N] [--focus=a,b]');
  const top = Number(flags.find((f) => f.startsWith('--top='))?.slice(6) ?? 25);
  const focus = (flags.find((f) => f.startsWith('--focus='))?.slice(8) ?? '').split(',').filter(Boolean);
  const from = Number(flags.find((f) => f.startsWith('--from='))?.slice(7) ?? 0) * 1e6;
  const to = Number(flags.find((f) => f.startsWith('--to='))?.slice(5) ?? Infinity) * 1e6;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  const timeline: number[] = [];
  let t = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    const second = Math.floor(t / 1e6);
    if (byId.get(id)!.callFrame.functionName !== '(idle)') timeline[second] = (timeline[second] ?? 0) + dt;
    if (t < from || t > to) return;
    self.set(id, (self.get(id) ?? 0) + dt);
  });
  console.log(`busy per second: ${Array.from(timeline, (us, s) => `${s}:${Math.round((us ?? 0) / 1e4)}%`).join(' ')}`);

  const total = [...self.values()].reduce((a, b) => a + b, 0);
  let idle = 0;
  const parts = new Map<string, number>();
  const fns = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const part = partOf(node.callFrame);
    if (part === '(idle)') {
      idle += us;
      continue;
    }
    parts.set(part, (parts.get(part) ?? 0) + us);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${part}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
    // Inclusive time of focused functions: count each sample once per focused name on its stack.
    if (focus.length > 0) {
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const fn = byId.get(cur)!.callFrame.functionName;
        if (focus.includes(fn) && !seen.has(fn)) {
          seen.add(fn);
          inclusive.set(fn, (inclusive.get(fn) ?? 0) + us);
        }
      }
    }
  }
  const busy = total - idle;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  const share = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  console.log(`${file}: busy ${ms(busy)} of ${ms(total)} sampled`);
  console.log('by part (self time):');
  for (const [part, us] of [...parts].sort((a, b) => b[1] - a[1])) console.log(`  ${share(us)} ${ms(us)}  ${part}`);
  console.log(`top ${top} functions (self time):`);
  for (const [name, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${share(us)} ${ms(us)}  ${name}`);
  if (focus.length > 0) {
    console.log('inclusive:');
    for (const name of focus)
      console.log(`  ${share(inclusive.get(name) ?? 0)} ${ms(inclusive.get(name) ?? 0)}  ${name}`);
  }
}

main();
