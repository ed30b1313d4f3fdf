/**
 * 报到单位 add/edit sheet: name, Party organisation, contact phone and liaison (联络员). The
 * liaison is chosen from the community's people (account.listPeople) in a second sheet, or 暂无.
 * Local checks mirror SaveWorkUnitInput; the server's field messages appear under the fields
 * and any other refusal (e.g. a duplicate name) above the buttons. Replacing or removing a
 * liaison asks first: the old one loses the liaison role.
 */
import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { call, errorMessage } from '@/services/cloud';
import { confirmModal } from '@/shared/modal';
import { usePaged } from '@/shared/use-paged';
import { Field } from '@/shared/ui/form-field';
import { FieldsSheet, titleError, type FieldSpec } from '@/shared/ui/fields-sheet';
import { Sheet } from '@/shared/ui/sheet';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import { roleKindLabels } from '~types/labels/account';
import type { PersonSummary } from '~types/account';
import type { WorkUnit } from '~types/org';

interface Liaison {
  id: string;
  name: string;
}

/** Client-side copy of SaveWorkUnitInput's rules; keys are the input's field names. */
export function checkWorkUnit(v: { name: string; partyOrgName: string; contactPhone: string }) {
  const out: Record<string, string> = {};
  titleError(v.name, '单位名称', 40, out, 'name');
  titleError(v.partyOrgName, '单位党组织名称', 40, out, 'partyOrgName');
  const phone = v.contactPhone.trim();
  if (!phone) out.contactPhone = '请填写联系电话';
  else if (!/^[0-9-]{7,20}$/.test(phone)) out.contactPhone = '请输入正确的联系电话';
  return out;
}

function roleSummary(p: PersonSummary): string {
  const labels = [...new Set(p.roles.map((r) => roleKindLabels[r.kind]))];
  return labels.join(' · ');
}

function LiaisonPicker({
  communityId,
  current,
  onPick,
  onCancel,
}: {
  communityId: string;
  current: Liaison | null;
  onPick: (liaison: Liaison | null) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Liaison | null>(current);
  // Search as the name is typed, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(draft.trim()), 300);
    return () => clearTimeout(timer);
  }, [draft]);
  const people = usePaged(
    (cursor) =>
      call('account', 'listPeople', {
        communityId,
        ...(query ? { query } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        limit: 20,
      }),
    [communityId, query],
  );

  return (
    <Sheet title='选择联络员' confirmText='确定' onCancel={onCancel} onConfirm={() => onPick(chosen)}>
      <View className='org-liaison__search'>
        <Input
          className='form-field__input org-liaison__input'
          value={draft}
          placeholder='输入姓名查找'
          confirmType='search'
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setQuery(draft.trim())}
          data-testid='liaison-search'
        />
      </View>
      <View
        className={`org-liaison__item ${chosen === null ? 'is-active' : ''}`}
        role='radio'
        aria-checked={chosen === null}
        onClick={() => setChosen(null)}
      >
        <Text className='org-liaison__name'>暂无联络员</Text>
        <Text className='org-liaison__meta'>以后再指定</Text>
      </View>
      {people.loading && people.items.length === 0 ? <LoadingView label='正在读取人员…' /> : null}
      {people.error ? <ErrorView message={errorMessage(people.error)} onRetry={() => void people.refresh()} /> : null}
      {!people.loading && !people.error && people.items.length === 0 ? (
        <EmptyView title={query ? `没有找到“${query}”` : '本社区还没有人员'} hint='联络员需先登录并完善个人信息' />
      ) : null}
      {people.items.map((p) => (
        <View
          key={p.id}
          className={`org-liaison__item ${chosen?.id === p.id ? 'is-active' : ''}`}
          role='radio'
          aria-checked={chosen?.id === p.id}
          aria-label={p.name}
          onClick={() => setChosen({ id: p.id, name: p.name })}
          data-testid='liaison-option'
        >
          <View className='org-liaison__line'>
            <Text className='org-liaison__name'>{p.name}</Text>
            {p.phone ? <Text className='org-liaison__phone'>{p.phone}</Text> : null}
          </View>
          <Text className='org-liaison__meta'>{roleSummary(p)}</Text>
        </View>
      ))}
      {people.moreError ? <Text className='form-field__error'>{errorMessage(people.moreError)}</Text> : null}
      {people.hasMore ? (
        <Button
          className='btn btn--plain btn--small org-liaison__more'
          loading={people.loadingMore || undefined}
          disabled={people.loadingMore || undefined}
          onClick={() => void people.loadMore()}
        >
          加载更多
        </Button>
      ) : null}
    </Sheet>
  );
}

const fields: ReadonlyArray<FieldSpec<'name' | 'partyOrgName' | 'contactPhone'>> = [
  { name: 'name', label: '单位名称', placeholder: '例如：市供电公司', maxlength: 40, testId: 'wu-name' },
  {
    name: 'partyOrgName',
    label: '单位党组织名称',
    placeholder: '例如：市供电公司党委',
    maxlength: 40,
    testId: 'wu-party',
  },
  { name: 'contactPhone', label: '联系电话', placeholder: '例如：0571-88000001', maxlength: 20, testId: 'wu-phone' },
];

export function WorkUnitSheet({
  communityId,
  unit,
  onSaved,
  onCancel,
}: {
  communityId: string;
  /** Absent to add a new one. */
  unit?: WorkUnit;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const before: Liaison | null = unit?.liaisonUserId
    ? { id: unit.liaisonUserId, name: unit.liaisonName ?? '原联络员' }
    : null;
  const [liaison, setLiaison] = useState<Liaison | null>(before);
  const [picking, setPicking] = useState(false);

  /** Replacing or removing a liaison asks first: the old one loses the liaison role. */
  const confirmLiaison = async () => {
    if (!before || before.id === liaison?.id) return true;
    return confirmModal({
      title: '更换联络员',
      content: liaison
        ? `联络员将由“${before.name}”改为“${liaison.name}”，原联络员将失去联络员身份。确定吗？`
        : `将不再设联络员，原联络员“${before.name}”将失去联络员身份。确定吗？`,
      confirmText: '确定',
    });
  };

  return (
    <FieldsSheet
      title={unit ? '编辑报到单位' : '新增报到单位'}
      fields={fields}
      initial={{
        name: unit?.name ?? '',
        partyOrgName: unit?.partyOrgName ?? '',
        contactPhone: unit?.contactPhone ?? '',
      }}
      check={checkWorkUnit}
      confirm={confirmLiaison}
      conflictFields={(e): Record<string, string> =>
        e.reason === 'org.duplicate-work-unit' ? { name: '已有同名单位，请换一个名称' } : {}
      }
      submit={(v) =>
        call('org', 'saveWorkUnit', {
          communityId,
          ...(unit ? { workUnitId: unit.id } : {}),
          name: v.name.trim(),
          partyOrgName: v.partyOrgName.trim(),
          contactPhone: v.contactPhone.trim(),
          liaisonUserId: liaison?.id ?? null,
        })
      }
      onSaved={onSaved}
      onCancel={onCancel}
      extra={(s) => (
        <Field label='联络员' error={s.fields.liaisonUserId}>
          <View className='org-liaison__current'>
            <View className='org-liaison__current-text'>
              <Text className='org-liaison__name' data-testid='wu-liaison'>
                {liaison?.name ?? '暂无'}
              </Text>
              {liaison && liaison.id !== before?.id ? (
                <Text className='org-liaison__meta'>保存后将获得“报到单位联络员”身份</Text>
              ) : null}
            </View>
            <Button className='btn btn--ghost btn--small' onClick={() => setPicking(true)}>
              选择联络员
            </Button>
          </View>
        </Field>
      )}
      over={(s) =>
        picking ? (
          <LiaisonPicker
            communityId={communityId}
            current={liaison}
            onCancel={() => setPicking(false)}
            onPick={(l) => {
              setLiaison(l);
              s.clear('liaisonUserId');
              setPicking(false);
            }}
          />
        ) : null
      }
    />
  );
}
