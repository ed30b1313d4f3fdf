/**
 * Shared checks for the org tests: every write is refused to people who are not admins of
 * the target's community, and a refused call writes nothing.
 */
import { demoPersonas, type Fixture } from '../support/fixtures';
import { expectRefusedIn } from '../support/refusals';

/** People of 幸福里 with roles, none of them an admin. */
export const nonAdmins: Array<[string, string]> = [
  ['a resident', demoPersonas.resident],
  ['a building leader', demoPersonas.leader],
  ['an estate Party secretary', demoPersonas.estateLeader],
  ['a Party member', demoPersonas.member],
  ['a liaison', demoPersonas.liaison],
  ['a person without a profile', 'openid-never-seen'],
];

/** Calls as `openid` and expects the error `code`, with nothing written. */
export const expectRefused = (
  f: Fixture,
  openid: string | null,
  action: string,
  data: unknown,
  code: string,
  reason?: string,
): Promise<any> => expectRefusedIn(f, 'org', openid, action, data, code, reason);

/** The newest audit entries for an action, newest first. */
export function auditOf(f: Fixture, action: string): Record<string, any>[] {
  return f.find('audit_log', { action }).sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
}
