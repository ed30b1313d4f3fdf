/**
 * The `account` area's enum values and their Chinese labels, without zod: the app imports these
 * (client bundles carry no zod, docs/adr/0021-build-for-the-base-library.md); the schemas in
 * ../account.ts are built from the same values.
 */
export const ROLE_KINDS = [
  'resident',
  'member',
  'building_leader',
  'estate_leader',
  'council_member',
  'admin',
  'liaison',
  'street_viewer',
  'street_admin',
  'grid_worker',
  'grid_leader',
] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];
export const roleKindLabels: Record<RoleKind, string> = {
  resident: '居民',
  member: '党员',
  building_leader: '楼栋党小组长',
  estate_leader: '小区党支部书记',
  council_member: '三会成员',
  admin: '社区管理员',
  liaison: '报到单位联络员',
  street_viewer: '街道工作人员',
  street_admin: '街道管理员',
  grid_worker: '网格员',
  grid_leader: '网格长',
};

export const MEMBER_TYPES = ['in_office', 'retired', 'mobile'] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];
export const memberTypeLabels: Record<MemberType, string> = {
  in_office: '在职党员',
  retired: '退休党员',
  mobile: '流动党员',
};

export const BINDING_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type BindingStatus = (typeof BINDING_STATUSES)[number];
export const bindingStatusLabels: Record<BindingStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

export const RELATIONS = ['owner', 'family', 'tenant'] as const;
export type Relation = (typeof RELATIONS)[number];
export const relationLabels: Record<Relation, string> = { owner: '户主/业主', family: '家庭成员', tenant: '租户' };
