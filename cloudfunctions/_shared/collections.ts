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
  registrations: 'registrations',
  unitRegistrations: 'unit_registrations',
  events: 'events',
  checkins: 'checkins',
  pointRules: 'point_rules',
  pointLedger: 'point_ledger',
  pointBalances: 'point_balances',
  quarterResults: 'quarter_results',
  ratings: 'ratings',
  messages: 'messages',
  wishes: 'wishes',
  activities: 'activities',
  signups: 'signups',
} as const;
export type CollectionName = (typeof Collections)[keyof typeof Collections];
