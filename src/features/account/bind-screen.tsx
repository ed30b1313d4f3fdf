/**
 * 绑定房屋: choose the community (skipped when there is one), the estate, the building, the
 * room and how one lives there, then submit a request for the community to approve.
 * Each chosen step stays visible above and can be tapped to choose again.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { askSubscription } from '@/shared/subscribe';
import { call, errorMessage } from '@/services/cloud';
import { useAction } from '@/shared/use-action';
import { useAsync } from '@/shared/use-async';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import { relationLabels, type Relation } from '~types/labels/account';
import type { Community, HouseholdPublic, OrgTree } from '~types/org';
import './bind-screen.scss';
import { BusyButton, FormError } from '@/shared/ui/busy-button';

type Estate = OrgTree['estates'][number];
type Building = Estate['buildings'][number];

const relations: Array<{ value: Relation; hint: string }> = [
  { value: 'owner', hint: '房屋产权人' },
  { value: 'family', hint: '与户主同住的家人' },
  { value: 'tenant', hint: '租住在这里' },
];

function Chosen({ label, value, onChange }: { label: string; value: string; onChange: () => void }) {
  return (
    <View className='bind__chosen' onClick={onChange}>
      <Text className='bind__chosen-label'>{label}</Text>
      <Text className='bind__chosen-value'>{value}</Text>
      <Text className='bind__chosen-change'>重选</Text>
    </View>
  );
}

function Options<T>({
  title,
  items,
  keyOf,
  labelOf,
  hintOf,
  onChoose,
  grid,
}: {
  title: string;
  items: T[];
  keyOf: (item: T) => string;
  labelOf: (item: T) => string;
  hintOf?: (item: T) => string;
  onChoose: (item: T) => void;
  grid?: boolean;
}) {
  return (
    <View className='bind__step'>
      <Text className='bind__step-title'>{title}</Text>
      <View className={grid ? 'bind__grid' : 'bind__list'}>
        {items.map((item) => (
          <View
            key={keyOf(item)}
            className={grid ? 'bind__cell' : 'bind__option'}
            role='button'
            onClick={() => onChoose(item)}
          >
            <Text className='bind__option-label'>{labelOf(item)}</Text>
            {hintOf ? <Text className='bind__option-hint'>{hintOf(item)}</Text> : null}
          </View>
        ))}
      </View>
    </View>
  );
}

function RoomStep({ building, onChoose }: { building: Building; onChoose: (h: HouseholdPublic) => void }) {
  const rooms = useAsync(() => call('org', 'listHouseholds', { buildingId: building.id }), [building.id]);
  if (rooms.loading && !rooms.data) return <LoadingView label='正在读取房号…' />;
  if (rooms.error) return <ErrorView message={errorMessage(rooms.error)} onRetry={() => void rooms.reload()} />;
  if (!rooms.data?.items.length) return <EmptyView title='这栋楼还没有登记房屋' hint='请联系社区工作人员添加' />;
  return (
    <Options
      title='选择房号'
      items={rooms.data.items}
      keyOf={(h) => h.id}
      labelOf={(h) => h.room}
      onChoose={onChoose}
      grid
    />
  );
}

function TreeSteps({ community, onDone }: { community: Community; onDone: () => void }) {
  const tree = useAsync(() => call('org', 'getTree', { communityId: community.id }), [community.id]);
  const [estate, setEstate] = useState<Estate | null>(null);
  const [building, setBuilding] = useState<Building | null>(null);
  const [household, setHousehold] = useState<HouseholdPublic | null>(null);
  const [relation, setRelation] = useState<Relation | null>(null);
  // 认领代办记录: she is the resident without WeChat a 网格员 recorded here under her name.
  const [claimOffline, setClaimOffline] = useState(false);
  const action = useAction();
  const { busy, error } = action;

  if (tree.loading && !tree.data) return <LoadingView label='正在读取小区…' />;
  if (tree.error) return <ErrorView message={errorMessage(tree.error)} onRetry={() => void tree.reload()} />;
  const estates = tree.data!.estates;

  const submit = async () => {
    if (!household || !relation) return;
    // In the tap: the decision, then new topics and votes of the building bound to (three at most).
    askSubscription(['applicationResult', 'topicProgress', 'voteOpen']);
    await action.run(async () => {
      await call('account', 'requestBinding', { householdId: household.id, relation, claimOffline });
      await Taro.showToast({ title: '已提交，请等待审核', icon: 'success' });
      onDone();
    });
  };

  return (
    <>
      {estate ? (
        <Chosen
          label='小区'
          value={estate.name}
          onChange={() => {
            setEstate(null);
            setBuilding(null);
            setHousehold(null);
          }}
        />
      ) : estates.length === 0 ? (
        <EmptyView title='该社区还没有登记小区' />
      ) : (
        <Options
          title='选择小区'
          items={estates}
          keyOf={(e) => e.id}
          labelOf={(e) => e.name}
          hintOf={(e) => `${e.buildings.length} 栋楼`}
          onChoose={setEstate}
        />
      )}
      {estate && !building ? (
        estate.buildings.length === 0 ? (
          <EmptyView title='这个小区还没有登记楼栋' />
        ) : (
          <Options
            title='选择楼栋'
            items={estate.buildings}
            keyOf={(b) => b.id}
            labelOf={(b) => b.name}
            hintOf={(b) => `${b.householdCount} 户`}
            onChoose={setBuilding}
            grid
          />
        )
      ) : null}
      {building ? (
        <Chosen
          label='楼栋'
          value={building.name}
          onChange={() => {
            setBuilding(null);
            setHousehold(null);
          }}
        />
      ) : null}
      {building && !household ? <RoomStep building={building} onChoose={setHousehold} /> : null}
      {household ? <Chosen label='房号' value={household.room} onChange={() => setHousehold(null)} /> : null}
      {household ? (
        <View className='bind__step'>
          <Text className='bind__step-title'>您与这户的关系</Text>
          <View className='bind__list'>
            {relations.map((r) => (
              <View
                key={r.value}
                className={`bind__option ${relation === r.value ? 'is-active' : ''}`}
                role='radio'
                aria-checked={relation === r.value}
                onClick={() => setRelation(r.value)}
              >
                <Text className='bind__option-label'>{relationLabels[r.value]}</Text>
                <Text className='bind__option-hint'>{r.hint}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {household && relation ? (
        <View className='bind__summary'>
          <Text className='bind__summary-text'>
            申请绑定：{community.name} · {estate?.name} · {building?.name} · {household.room}（
            {relationLabels[relation]}）
          </Text>
          <View
            className={`bind__option ${claimOffline ? 'is-active' : ''}`}
            role='checkbox'
            aria-checked={claimOffline}
            data-testid='bind-claim-offline'
            onClick={() => setClaimOffline(!claimOffline)}
          >
            <Text className='bind__option-label'>{claimOffline ? '☑' : '☐'} 认领代办记录</Text>
            <Text className='bind__option-hint'>
              没有微信时，网格员或楼栋党小组长曾以您的姓名为您代办过（心愿、报名、意见、投票）。审核人当面核实后，这些记录和积分归到您的账号，您也可以自己撤回代办授权。
            </Text>
          </View>
          <Text className='bind__summary-hint'>提交后由社区或楼栋党小组长审核，通过后您将成为该户居民。</Text>
          <FormError className='bind__error' message={error} />
          <BusyButton className='btn btn--primary' busy={busy} onTap={() => void submit()}>
            提交申请
          </BusyButton>
        </View>
      ) : null}
    </>
  );
}

export function BindScreen() {
  const communities = useAsync(() => call('org', 'listCommunities', {}), []);
  const [picked, setPicked] = useState<Community | null>(null);
  const done = () => void Taro.navigateBack();

  if (communities.loading && !communities.data) return <LoadingView label='正在读取社区…' />;
  if (communities.error)
    return <ErrorView message={errorMessage(communities.error)} onRetry={() => void communities.reload()} />;
  const list = communities.data!.items;
  const only = list.length === 1 ? list[0]! : null;
  const community = picked ?? only;

  return (
    <View className='bind'>
      <View className='bind__intro'>
        <Text className='bind__intro-title'>绑定房屋</Text>
        <Text className='bind__intro-text'>按顺序选择您居住的小区、楼栋和房号</Text>
      </View>
      {list.length === 0 ? <EmptyView title='暂无可绑定的社区' /> : null}
      {community ? (
        <>
          <Chosen label='社区' value={community.name} onChange={() => (only ? undefined : setPicked(null))} />
          <TreeSteps key={community.id} community={community} onDone={done} />
        </>
      ) : list.length > 0 ? (
        <Options
          title='选择社区'
          items={list}
          keyOf={(c) => c.id}
          labelOf={(c) => c.name}
          hintOf={(c) => `${c.streetName} · ${c.address}`}
          onChoose={setPicked}
        />
      ) : null}
    </View>
  );
}
