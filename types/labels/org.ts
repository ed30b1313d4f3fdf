/**
 * The `org` area's enum values and their Chinese labels, without zod: the app imports these
 * (client bundles carry no zod, docs/adr/0021-build-for-the-base-library.md); the schemas in
 * ../org.ts are built from the same values.
 */
export const COUNCIL_KINDS = ['owners', 'deliberation', 'supervisory'] as const;
export type CouncilKind = (typeof COUNCIL_KINDS)[number];
/** 业委会 / 议事会 / 监事会 */
export const councilKindLabels: Record<CouncilKind, string> = {
  owners: '业主委员会',
  deliberation: '议事会',
  supervisory: '监事会',
};
