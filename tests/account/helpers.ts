/**
 * Helpers for the account-area tests: asserting an error envelope, checking a result against
 * its schema, and finding full phone numbers in a reply.
 */
import type { z } from 'zod';
import type { RoleDoc } from '../../cloudfunctions/_shared/documents';
import { buildDemoData } from '../../emulator/seed/demo-community';

export { expectError } from '../support/refusals';

/** Asserts a successful call whose data conforms to the action's result schema; returns the data. */
export function expectOk<S extends z.ZodType>(body: any, schema: S): z.output<S> {
  if (!body.ok) throw new Error(`expected ok, got ${JSON.stringify(body.error)}`);
  const parsed = schema.safeParse(body.data);
  if (!parsed.success) throw new Error(`result does not match its schema: ${parsed.error.message}`);
  return body.data;
}

/** Every unmasked 11-digit mobile number anywhere in a value's JSON. */
export function fullPhonesIn(value: unknown): string[] {
  // A mainland mobile (1[3-9] and nine digits) standing alone, not a run of digits inside a hex id.
  return JSON.stringify(value).match(/(?<![0-9a-zA-Z])1[3-9]\d{9}(?![0-9a-zA-Z])/g) ?? [];
}

/** The openid of the demo person holding a role matching `where` (e.g. 和谐家园's estate secretary). */
export function openidOfRoleHolder(where: (role: RoleDoc) => boolean): string {
  const demo = buildDemoData(new Date(0));
  const role = demo.roles.find(where);
  const user = role && demo.users.find((u) => u._id === role.userId);
  if (!user) throw new Error('no such demo person');
  return user.openid;
}
