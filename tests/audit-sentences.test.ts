/**
 * The audit log reads as Chinese sentences: every audit action written anywhere in
 * cloudfunctions/ has a verb and a kind in types/labels/audit.ts, the sentence names who did it
 * and what, and an entry's changes are shown in words — never raw data or English codes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { changedFields } from '../src/features/audit/audit-changes';
import {
  AUDIT_KINDS,
  auditActionsOf,
  auditKindLabels,
  auditKindOf,
  auditSentence,
  auditVerbs,
} from '../types/labels/audit';

const root = join(__dirname, '..', 'cloudfunctions');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every 'area.verb' literal on a line that sets an audit entry's `action`. */
function auditedActions(): string[] {
  const found = new Set<string>();
  for (const file of sources(root)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!/\baction:/.test(line)) continue;
      for (const m of line.matchAll(/['`]([a-z]+\.[a-zA-Z]+)['`]/g)) found.add(m[1]!);
    }
  }
  return [...found].sort();
}

test('the collector finds the audit actions written in cloudfunctions/', () => {
  const actions = auditedActions();
  expect(actions.length).toBeGreaterThanOrEqual(30);
  expect(actions).toEqual(expect.arrayContaining(['checkin.decideRegistration', 'account.grantRole', 'wish.review']));
});

test('every audit action written anywhere in cloudfunctions/ has a Chinese verb and a kind', () => {
  const missing = auditedActions().filter((a) => !auditVerbs[a] || !auditKindOf(a));
  expect(missing).toEqual([]);
});

test('every verb and kind label is Chinese, and every kind has actions to filter by', () => {
  for (const verb of Object.values(auditVerbs)) expect(verb).toMatch(/^[\u4e00-\u9fa5]+$/);
  for (const kind of AUDIT_KINDS) {
    expect(auditKindLabels[kind]).toMatch(/^[\u4e00-\u9fa5与]+$/);
    expect(auditActionsOf(kind).length).toBeGreaterThan(0);
  }
  expect(auditActionsOf('checkin')).toContain('checkin.decideRegistration');
  expect(auditActionsOf('checkin')).not.toContain('wish.review');
});

test('an entry reads as a sentence: who, did what, and its summary', () => {
  expect(
    auditSentence({ actorName: '王红梅', action: 'checkin.decideRegistration', summary: '通过 李四 的党员报到' }),
  ).toBe('王红梅 审核了党员报到：通过 李四 的党员报到');
  expect(auditSentence({ actorName: '', action: 'unknown.thing', summary: '' })).toBe('系统 修改了数据');
});

test('changes are shown as labelled words; ids, structures and English codes are left out', () => {
  const changes = changedFields(
    { status: 'pending', reason: null, memberType: 'in_office', roleId: null, nested: { a: 1 } },
    { status: 'approved', reason: '材料齐全', memberType: 'retired', roleId: 'member:user-1:comm-1', points: 5 },
  );
  expect(changes).toEqual([
    { label: '状态', before: '待审核', after: '已通过' },
    { label: '原因', before: '（无）', after: '材料齐全' },
    { label: '积分', before: '（无）', after: '5' },
  ]);
  expect(changedFields(null, 'not an object')).toEqual([]);
  const unknownCode = changedFields({ status: 'pending' }, { status: 'some_code' });
  expect(unknownCode).toEqual([]);
});
