/**
 * The fields of service (助老、助学、助医、助困、环境整治、文明创建) a member offers when they
 * report (报到 service intentions) and an activity belongs to (activity categories): one list,
 * one set of labels, without zod (the app imports it).
 */
export const SERVICE_FIELDS = [
  'elderly',
  'education',
  'medical',
  'poverty',
  'environment',
  'civility',
  'other',
] as const;
export type ServiceField = (typeof SERVICE_FIELDS)[number];
export const serviceFieldLabels: Record<ServiceField, string> = {
  elderly: '助老',
  education: '助学',
  medical: '助医',
  poverty: '助困',
  environment: '环境整治',
  civility: '文明创建',
  other: '其他',
};
