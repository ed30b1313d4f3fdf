/**
 * The `checkin` area's enum values and their Chinese labels, without zod: the app imports these
 * (client bundles carry no zod, docs/adr/0021-build-for-the-base-library.md); the schemas in
 * ../checkin.ts are built from the same values.
 */
import { SERVICE_FIELDS, serviceFieldLabels, type ServiceField } from './service-fields';

export const REGISTRATION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'ended'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const registrationStatusLabels: Record<RegistrationStatus, string> = {
  pending: '待审核',
  approved: '已报到',
  rejected: '已驳回',
  withdrawn: '已注销',
  ended: '已终止',
};

export const SERVICE_INTENTIONS = SERVICE_FIELDS;
export type ServiceIntention = ServiceField;
export const serviceIntentionLabels: Record<ServiceIntention, string> = serviceFieldLabels;

export const EVENT_KINDS = ['volunteer', 'party_day', 'meeting', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const eventKindLabels: Record<EventKind, string> = {
  volunteer: '志愿活动',
  party_day: '主题党日',
  meeting: '议事会议',
  other: '其他活动',
};
