/**
 * The `points` area's enum values and their Chinese labels, without zod: the app imports these
 * (client bundles carry no zod, docs/adr/0021-build-for-the-base-library.md); the schemas in
 * ../points.ts are built from the same values.
 */
export const LEDGER_REASONS = [
  'registration',
  'checkin',
  'volunteer_hours',
  'wish_fulfilled',
  'deliberation',
  'adjustment',
  'reversal',
] as const;
export type LedgerReason = (typeof LEDGER_REASONS)[number];
export const ledgerReasonLabels: Record<LedgerReason, string> = {
  registration: '报到',
  checkin: '活动签到',
  volunteer_hours: '志愿服务时长',
  wish_fulfilled: '完成微心愿',
  deliberation: '参与议事',
  adjustment: '管理员调整',
  reversal: '冲正',
};

export const GRADES = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export type Grade = (typeof GRADES)[number];
export const gradeLabels: Record<Grade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};
