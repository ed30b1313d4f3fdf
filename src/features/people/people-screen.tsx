/**
 * 人员与角色: the people of the community with their roles — search by name, filter by role;
 * grant a scoped role (kind, then its scope) and revoke one with a written reason.
 * Opened with `street=1` by a street admin (街道管理员): the same list (phones masked), where the
 * only role to grant or revoke is 街道工作人员 — which a community admin is no longer offered.
 * A 网格员 or 网格长 who is not an admin opens it from their home to see their grid's residents
 * (phones in full, as the server sends them), without the grant and revoke buttons.
 */
import { useState } from 'react';
import { Button, Input, ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { pageParam } from '@/shared/page-params';
import { useAsync } from '@/shared/use-async';
import { usePaged } from '@/shared/use-paged';
import { PagedList } from '@/shared/ui/paged-list';
import { ErrorView } from '@/shared/ui/state-view';
import { roleKindLabels, type RoleKind } from '~types/labels/account';
import type { PersonSummary, Role } from '~types/account';
import { GrantSheet, RevokeSheet } from './role-sheets';
import './people-screen.scss';

const filters: Array<RoleKind | 'all'> = [
  'all',
  'admin',
  'street_viewer',
  'building_leader',
  'estate_leader',
  'grid_leader',
  'grid_worker',
  'member',
  'council_member',
  'liaison',
  'resident',
];

/** Roles a community admin revokes here; a street admin only the street's viewers. */
function revocable(role: Role, street: boolean): boolean {
  if (street) return role.kind === 'street_viewer';
  return !['resident', 'liaison', 'street_viewer', 'street_admin'].includes(role.kind);
}

function PersonCard({
  person,
  street,
  readOnly,
  onGrant,
  onRevoke,
}: {
  person: PersonSummary;
  street: boolean;
  readOnly: boolean;
  onGrant: () => void;
  onRevoke: (r: Role) => void;
}) {
  return (
    <View className='card' data-testid='person-card'>
      <View className='card__row'>
        <View className='people__who'>
          <View className='people__avatar'>
            <Text>{person.name.slice(0, 1)}</Text>
          </View>
          <View className='people__name-col'>
            <Text className='card__title'>{person.name}</Text>
            {person.phone ? <Text className='card__text'>{person.phone}</Text> : null}
          </View>
        </View>
        {readOnly ? null : (
          <Button className='btn btn--ghost btn--small' onClick={onGrant}>
            {street ? '授予街道工作人员' : '授予角色'}
          </Button>
        )}
      </View>
      {person.roles.map((role) => (
        <View key={role.id} className='people__role'>
          <Text className='tag tag--red'>{roleKindLabels[role.kind]}</Text>
          <Text className='people__scope'>{role.scopeLabel}</Text>
          {role.dualPost ? <Text className='tag'>一肩挑</Text> : null}
          {!readOnly && revocable(role, street) ? (
            <Text className='people__revoke' onClick={() => onRevoke(role)}>
              撤销
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}

export function PeopleScreen() {
  const communityId = pageParam('communityId');
  const street = pageParam('street') === '1';
  const readOnly = pageParam('grid') === '1';
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [roleKind, setRoleKind] = useState<RoleKind | 'all'>('all');
  const list = usePaged(
    (cursor) =>
      call('account', 'listPeople', {
        communityId: communityId ?? '',
        ...(query ? { query } : {}),
        ...(roleKind !== 'all' ? { roleKind } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        limit: 20,
      }),
    [communityId, query, roleKind],
  );
  const tree = useAsync(
    () =>
      communityId && !street && !readOnly
        ? call('org', 'getTree', { communityId })
        : Promise.reject(new Error('no community')),
    [communityId, street, readOnly],
  );
  const [granting, setGranting] = useState<PersonSummary | null>(null);
  const [revoking, setRevoking] = useState<{ person: PersonSummary; role: Role } | null>(null);

  if (!communityId) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;

  const replaceRoles = (person: PersonSummary, roles: Role[]) =>
    list.update((p) => p.id === person.id, { ...person, roles });

  return (
    <View className='screen'>
      <View className='people__search'>
        <Input
          className='people__search-input'
          value={draft}
          placeholder='按姓名搜索'
          confirmType='search'
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setQuery(draft.trim())}
        />
        <Button className='btn btn--primary btn--small' onClick={() => setQuery(draft.trim())}>
          搜索
        </Button>
      </View>
      <ScrollView scrollX className='people__filters'>
        <View className='people__filters-row'>
          {(street ? (['all', 'street_viewer'] as const) : readOnly ? (['all'] as const) : filters).map((k) => (
            <View
              key={k}
              className={`filter-bar__item ${roleKind === k ? 'is-active' : ''}`}
              onClick={() => setRoleKind(k)}
            >
              {k === 'all' ? '全部' : roleKindLabels[k]}
            </View>
          ))}
        </View>
      </ScrollView>
      <PagedList
        state={list}
        keyOf={(p) => p.id}
        emptyTitle={query ? `没有找到“${query}”` : '没有符合条件的人员'}
        renderItem={(p) => (
          <PersonCard
            person={p}
            street={street}
            readOnly={readOnly}
            onGrant={() => setGranting(p)}
            onRevoke={(role) => setRevoking({ person: p, role })}
          />
        )}
      />
      {granting ? (
        <GrantSheet
          person={granting}
          communityId={communityId}
          street={street}
          tree={street ? undefined : tree.data}
          treeError={!street && tree.error ? errorMessage(tree.error) : null}
          onCancel={() => setGranting(null)}
          onGranted={(role) => {
            replaceRoles(granting, [...granting.roles, role]);
            setGranting(null);
            void Taro.showToast({ title: '已授予', icon: 'success' });
          }}
        />
      ) : null}
      {revoking ? (
        <RevokeSheet
          person={revoking.person}
          role={revoking.role}
          onCancel={() => setRevoking(null)}
          onRevoked={() => {
            replaceRoles(
              revoking.person,
              revoking.person.roles.filter((r) => r.id !== revoking.role.id),
            );
            setRevoking(null);
            void Taro.showToast({ title: '已撤销', icon: 'success' });
          }}
        />
      ) : null}
    </View>
  );
}
