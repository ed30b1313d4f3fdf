/**
 * A decision told to its applicant (docs/notifications.md): the message of a binding, a member's
 * 报到 or a work unit's 报到 decision, in the applicant's message centre, keyed
 * `<prefix>:<id>:decided` — told once, and not to the deciding admin.
 */
import { expectError } from './refusals';

interface Finds {
  find(collection: string, query?: Record<string, unknown>): Record<string, any>[];
}

/** The messages that told the decision on `<prefix>:<id>`. */
export function decisionMessages(f: Finds, prefix: string, id: string): Record<string, any>[] {
  return f.find('messages').filter((m) => m._id === `${prefix}:${id}:decided`);
}

/** Exactly one message told the decision: it matches `expected`, and its body mentions `mentions`. */
export function expectToldOnce(told: Record<string, any>[], expected: Record<string, unknown>, mentions: string): void {
  expect(told).toHaveLength(1);
  expect(told[0]).toMatchObject(expected);
  expect(told[0]!.body).toContain(mentions);
}

/**
 * After a decision: deciding again is refused and tells nobody again, and the deciding admin
 * (user-admin) was told nothing of any `<prefix>` decision.
 */
export async function expectDecidedOnce(
  f: Finds,
  prefix: string,
  id: string,
  decideAgain: () => Promise<unknown>,
): Promise<void> {
  expectError(await decideAgain(), 'PRECONDITION_FAILED');
  expect(decisionMessages(f, prefix, id)).toHaveLength(1);
  expect(f.find('messages', { userId: 'user-admin' }).filter((m) => String(m._id).startsWith(`${prefix}:`))).toEqual(
    [],
  );
}
