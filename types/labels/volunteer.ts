/**
 * The `volunteer` area's enum values and their Chinese labels, without zod: the app imports these
 * (client bundles carry no zod, docs/adr/0021-build-for-the-base-library.md); the schemas in
 * ../volunteer.ts are built from the same values.
 */
import { SERVICE_FIELDS, serviceFieldLabels, type ServiceField } from './service-fields';

export const ACTIVITY_CATEGORIES = SERVICE_FIELDS;
export type ActivityCategory = ServiceField;
export const activityCategoryLabels: Record<ActivityCategory, string> = serviceFieldLabels;

export const AUDIENCES = ['everyone', 'members', 'work_unit'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const audienceLabels: Record<Audience, string> = {
  everyone: '所有居民',
  members: '党员',
  work_unit: '本单位党员',
};

export const SIGNUP_STATES = ['confirmed', 'waitlisted', 'cancelled', 'checked_in', 'completed', 'no_show'] as const;
export type SignupState = (typeof SIGNUP_STATES)[number];
export const signupStateLabels: Record<SignupState, string> = {
  confirmed: '已报名',
  waitlisted: '候补',
  cancelled: '已取消',
  checked_in: '已签到',
  completed: '已完成',
  no_show: '未到场',
};
