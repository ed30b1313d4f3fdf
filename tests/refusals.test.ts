/**
 * Every refusal is declared (issue #12, part 8), proved statically: scripts/declared-reasons.ts
 * follows each action's verb through every function it can reach and reads every
 * `new AppError(CODE, reason, …)` and error-making helper on the way. At run time the handler
 * checks the same declarations (strict in every unit test, see tests/support/strict-reasons.ts).
 * When this fails: `npx tsx scripts/declared-reasons.ts` prints what to paste where.
 */
import { scan, specOf, type Found } from '../scripts/declared-reasons';
import {
  actions,
  commonRefusals,
  declaredCode,
  errorCodes,
  functionRefusals,
  type ActionReason,
  type ActionSpec,
} from '../types/actions';
import { ERROR_CODES } from '../types/errors';

let found: Found;
beforeAll(() => {
  found = scan();
}, 120_000);

const byArea = actions as unknown as Record<string, Record<string, ActionSpec>>;
const everyAction = Object.entries(byArea).flatMap(([area, specs]) =>
  Object.entries(specs).map(([name, spec]) => ({ key: `${area}.${name}`, area, spec })),
);
const fixed: Record<string, string> = { ...commonRefusals, ...functionRefusals };

test('every refusal an action can reach is declared by that action, with the code it is given with', () => {
  const undeclared: string[] = [];
  for (const { key, spec } of everyAction) {
    for (const [reason, codes] of found.reasons.get(key) ?? []) {
      for (const code of codes)
        if (declaredCode(spec, reason) !== code) undeclared.push(`${key}: '${reason}': '${code}'`);
    }
  }
  expect(undeclared).toEqual([]);
});

test('every refusal made anywhere in the functions is declared by an action of its area, or is a common one', () => {
  const declaredIn = (areas: string[], reason: string, code: string) =>
    fixed[reason] === code ||
    everyAction.some(({ area, spec }) => areas.includes(area) && declaredCode(spec, reason) === code);
  const undeclared: string[] = [];
  for (const [key, byReason] of found.reasons) {
    if (!key.endsWith('.*')) continue;
    const area = key.slice(0, -2);
    const areas = area === '_shared' ? Object.keys(byArea) : [area];
    for (const [reason, codes] of byReason) {
      for (const code of codes) if (!declaredIn(areas, reason, code)) undeclared.push(`${area}: ${code} ${reason}`);
    }
  }
  expect(undeclared).toEqual([]);
});

test('no action declares a refusal it cannot give (no stale declarations)', () => {
  const stale: string[] = [];
  for (const { key, spec } of everyAction) {
    for (const reason of Object.keys(spec.refusals)) {
      if (!found.reasons.get(key)?.has(reason) && !found.possible.get(key)?.has(reason))
        stale.push(`${key}: ${reason}`);
    }
  }
  expect(stale).toEqual([]);
});

test('every refusal reason is read by the scan: none is built from a value it cannot enumerate', () => {
  expect([...found.dynamic].map(([key, places]) => `${key}: ${[...places].join(', ')}`)).toEqual([]);
});

test('every route the scan follows is an action of the registry', () => {
  const routed = [...found.reasons.keys(), ...found.possible.keys()].filter((k) => !k.endsWith('.*'));
  for (const key of routed) expect(specOf(key)).toBeDefined();
});

test('an action never declares a common refusal again, nor a reason reserved for the function itself', () => {
  const repeated = everyAction.flatMap(({ key, spec }) =>
    Object.keys(spec.refusals)
      .filter(
        (reason) => reason in functionRefusals || (reason in commonRefusals && spec.refusals[reason] === fixed[reason]),
      )
      .map((reason) => `${key}: ${reason}`),
  );
  expect(repeated).toEqual([]);
});

// The client's `isRefusal(e, 'wish', 'claim', 'wish.already-claimed')` (src/services/cloud.ts) takes this union.
test("an action's reasons are a typed union the client branches on; a reason it cannot give does not compile", () => {
  const claimed: ActionReason<'wish', 'claim'> = 'wish.already-claimed';
  const common: ActionReason<'wish', 'claim'> = 'input.invalid';
  // @ts-expect-error wish.post never refuses as wish.already-claimed
  const never: ActionReason<'wish', 'post'> = 'wish.already-claimed';
  expect([claimed, common, never]).toHaveLength(3);
});

test("an action's error codes are derived from its refusals and the common ones", () => {
  // Every code but LIMIT_EXCEEDED, in the error model's order.
  expect(errorCodes(actions.wish.claim)).toEqual(ERROR_CODES.filter((code) => code !== 'LIMIT_EXCEEDED'));
  expect(errorCodes(actions.system.ping)).toEqual(['VALIDATION', 'UNAUTHENTICATED', 'PRECONDITION_FAILED', 'INTERNAL']);
});
