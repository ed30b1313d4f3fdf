/**
 * Collection names, in one place, matching database/collections.json (a test checks it).
 */
export const Collections = {
  users: 'users',
  auditLog: 'audit_log',
} as const;
