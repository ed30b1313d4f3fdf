/**
 * Collection names, in one place, matching database/collections.json (a test checks it).
 */
export const Collections = {
  streets: 'streets',
  communities: 'communities',
  estates: 'estates',
  buildings: 'buildings',
  households: 'households',
  councils: 'councils',
  workUnits: 'work_units',
  users: 'users',
  roles: 'roles',
  bindingRequests: 'binding_requests',
  locks: 'locks',
  auditLog: 'audit_log',
} as const;
export type CollectionName = (typeof Collections)[keyof typeof Collections];
