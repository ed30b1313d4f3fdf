/**
 * Shared checks for the org tests: every write is refused to people who are not admins of
 * the target's community, and a refused call writes nothing.
 */
import { demoPersonas } from '../support/fixtures';
import { refusalsOf } from '../support/refusals';

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
export const expectRefused = refusalsOf('org');

export { auditOf } from '../support/fixtures';
