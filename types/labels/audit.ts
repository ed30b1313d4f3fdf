/**
 * The audit log in words (issue #17): every action that writes an audit entry, with the kind it
 * is filtered by (审计类别) and the verb phrase of its sentence — "王红梅 审核了党员报到：通过 李四
 * 的报到". Zod-free, so the app imports it (docs/adr/0021). A test collects every audit action
 * written in cloudfunctions/ and requires a row here for each.
 */

/** The kinds an admin filters the audit log by. */
export const AUDIT_KINDS = [
  'people',
  'checkin',
  'org',
  'points',
  'volunteer',
  'wish',
  'deliberation',
  'proxy',
  'dashboard',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const auditKindLabels: Record<AuditKind, string> = {
  people: '人员与角色',
  checkin: '双报到与活动',
  org: '组织架构',
  points: '积分考核',
  volunteer: '志愿服务',
  wish: '微心愿',
  deliberation: '议事协商',
  proxy: '代办',
  dashboard: '数据统计',
};

/** The verb phrase of each audited action; its kind is the action's area (account → people). */
export const auditVerbs: Record<string, string> = {
  'account.decideBinding': '审核了房屋绑定',
  'account.joinOffline': '确认了居民认领代办记录',
  'account.grantRole': '授予了角色',
  'account.revokeRole': '撤销了角色',
  'dashboard.rebuildRollups': '重算了统计汇总',
  'checkin.cancelEvent': '取消了活动',
  'checkin.decideRegistration': '审核了党员报到',
  'checkin.decideUnitRegistration': '审核了单位报到',
  'checkin.reconcile': '补齐了报到记录',
  'checkin.recordAttendance': '补录了签到',
  'checkin.withdrawRegistration': '注销了党员报到',
  'deliberation.addProgress': '登记了议题进展',
  'deliberation.advance': '推进了议题',
  'deliberation.answerObjection': '答复了异议',
  'deliberation.clearHold': '复核了议事内容',
  'deliberation.closeVote': '结束了表决',
  'deliberation.draftProposal': '起草了议事方案',
  'deliberation.end': '结束了议题',
  'deliberation.liftSuspension': '解除了议题暂停',
  'deliberation.reconcile': '补齐了议事记录',
  'deliberation.suspendNotice': '暂停了议题',
  'org.assignBuildings': '划分了网格楼栋',
  'org.deleteGrid': '删除了网格',
  'org.deleteNode': '删除了组织节点',
  'org.importHouseholds': '导入了住户',
  'org.saveBuilding': '编辑了楼栋',
  'org.saveEstate': '编辑了小区',
  'org.saveGrid': '编辑了网格',
  'org.saveHousehold': '编辑了住户',
  'org.saveWorkUnit': '编辑了报到单位',
  'org.updateCommunity': '修改了社区信息',
  'points.adjustPoints': '调整了积分',
  'points.closeQuarter': '完成了季度考核',
  'points.rate': '进行了年度评价',
  'points.reverseEntry': '冲正了积分',
  'points.updateRules': '修改了积分规则',
  'proxy.castBallot': '代办了投票',
  'proxy.confirmWish': '代办了心愿确认',
  'proxy.postOpinion': '代办了议事意见',
  'proxy.postWish': '代办了发布心愿',
  'proxy.recordConsent': '登记了代办授权',
  'proxy.refuseAct': '撤销了代办',
  'proxy.signUp': '代办了活动报名',
  'proxy.withdrawConsent': '撤回了代办授权',
  'volunteer.cancel': '取消了志愿活动',
  'volunteer.correctAttendance': '更正了志愿时长',
  'volunteer.edit': '修改了志愿活动',
  'volunteer.reconcile': '补齐了志愿记录',
  'wish.clearHold': '复核了微心愿',
  'wish.review': '审核了微心愿',
  'wish.revokeClaim': '撤销了心愿认领',
};

const areaKinds: Record<string, AuditKind> = {
  account: 'people',
  checkin: 'checkin',
  org: 'org',
  points: 'points',
  volunteer: 'volunteer',
  wish: 'wish',
  deliberation: 'deliberation',
  proxy: 'proxy',
  dashboard: 'dashboard',
};

/** The kind of an audited action (null for an action of no known area). */
export function auditKindOf(action: string): AuditKind | null {
  return areaKinds[action.split('.')[0] ?? ''] ?? null;
}

/** The audited actions of a kind — what the server filters by. */
export function auditActionsOf(kind: AuditKind): string[] {
  return Object.keys(auditVerbs).filter((action) => auditKindOf(action) === kind);
}

/** An entry as one Chinese sentence: who, did what, and the entry's own summary. */
export function auditSentence(entry: { actorName: string; action: string; summary: string }): string {
  const verb = auditVerbs[entry.action] ?? '修改了数据';
  const who = entry.actorName.trim() || '系统';
  return entry.summary ? `${who} ${verb}：${entry.summary}` : `${who} ${verb}`;
}
