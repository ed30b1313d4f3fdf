/**
 * An audit entry's before/after in words: the fields a person would recognise, each with a
 * Chinese label and its values as text, "（无）" for none. Fields without a label, values that
 * are structures or ids, and codes without a Chinese word are left out — the entry's sentence
 * already says what happened, so nothing raw or English reaches the screen.
 */
const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  title: '标题',
  description: '说明',
  place: '地点',
  quota: '名额',
  status: '状态',
  state: '状态',
  reason: '原因',
  cancelled: '已取消',
  cancelReason: '取消原因',
  points: '积分',
  delta: '积分变化',
  hours: '时长（小时）',
  threshold: '达标线',
  members: '人数',
  qualified: '达标人数',
  room: '房号',
  partyBranchName: '党支部名称',
  partyGroupName: '党小组名称',
  partyOrgName: '单位党组织',
  contactPhone: '联系电话',
  address: '地址',
  quarter: '季度',
};

const VALUE_WORDS: Record<string, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已注销',
  ended: '已终止',
  published: '已发布',
  claimed: '已认领',
  fulfilled: '已完成',
  confirmed: '已确认',
  cancelled: '已取消',
  present: '已到场',
  absent: '缺席',
  held: '待复核',
};

const NONE = '（无）';

function word(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return NONE;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  if (VALUE_WORDS[value]) return VALUE_WORDS[value];
  // A code or an id with no Chinese word (e.g. "in_office", "reg-1a2b") is not shown.
  if (/^[\x21-\x7e]+$/.test(value) && !/^[\d\s:+\-./]+$/.test(value)) return null;
  return value;
}

function fieldsOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The labelled fields whose value changed (or was set), in the table's order. */
export function changedFields(
  before: unknown,
  after: unknown,
): Array<{ label: string; before: string; after: string }> {
  const b = fieldsOf(before);
  const a = fieldsOf(after);
  const out: Array<{ label: string; before: string; after: string }> = [];
  for (const [field, label] of Object.entries(FIELD_LABELS)) {
    if (!(field in a) && !(field in b)) continue;
    const was = word(b[field]);
    const now = word(a[field]);
    if (was === null || now === null || was === now) continue;
    out.push({ label, before: was, after: now });
  }
  return out;
}
