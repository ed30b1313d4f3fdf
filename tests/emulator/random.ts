/** A small seeded PRNG (mulberry32) for the emulator's property tests: every run draws the same cases. */
export function seeded(seed: number): { rand: () => number; pick: <T>(xs: readonly T[]) => T } {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { rand, pick: <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T };
}
