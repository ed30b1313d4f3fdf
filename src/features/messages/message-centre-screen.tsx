/**
 * 消息中心: everything the person was told, newest first — 全部 or only 未读. Unread messages
 * carry a red dot and a bold title. Tapping a message marks it read and opens its link (a tab
 * with switchTab, any other page with navigateTo); 全部已读 marks everything read. Load more at
 * the bottom, pull down to start over; each start-over also refreshes the unread count.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { usePaged } from '@/shared/use-paged';
import { PagedList } from '@/shared/ui/paged-list';
import type { Message } from '~types/messages';
import { linkTarget, messageKindLabels } from './logic';
import { refreshUnread, setUnread, useUnreadCount } from './unread';
import './messages.scss';

type Filter = 'all' | 'unread';
const filters: Array<[Filter, string]> = [
  ['all', '全部'],
  ['unread', '未读'],
];

function open(link: string | null): void {
  const target = linkTarget(link);
  if (!target) return;
  const go = target.method === 'switchTab' ? Taro.switchTab({ url: target.url }) : Taro.navigateTo({ url: target.url });
  void Promise.resolve(go).catch(() => void Taro.showToast({ title: '无法打开该页面', icon: 'none' }));
}

function MessageCard({ message, onOpen }: { message: Message; onOpen: () => void }) {
  const unread = !message.read;
  return (
    <View
      className={`card msg-card ${unread ? 'is-unread' : ''}`}
      data-testid='message'
      data-read={message.read ? 'true' : 'false'}
      role='link'
      aria-label={`${unread ? '未读 ' : ''}${message.title}`}
      onClick={onOpen}
    >
      <View className='msg-card__head'>
        <Text className={`tag ${unread ? 'tag--red' : 'tag--muted'}`}>{messageKindLabels[message.kind]}</Text>
        <Text className='msg-card__title'>{message.title}</Text>
        {unread ? <View className='msg-card__dot' data-testid='message-unread' aria-label='未读' /> : null}
      </View>
      <Text className='msg-card__body'>{message.body}</Text>
      <View className='msg-card__foot'>
        <Text className='msg-card__time'>{formatShanghai(message.createdAt)}</Text>
        {linkTarget(message.link) ? <Text className='msg-card__go'>查看 ›</Text> : null}
      </View>
    </View>
  );
}

export function MessageCentreScreen() {
  const [filter, setFilter] = useState<Filter>('all');
  const unread = useUnreadCount();
  const [markingAll, setMarkingAll] = useState(false);
  const list = usePaged(
    (cursor) => {
      // Starting over (first page, pull down, filter change) also refreshes the count.
      if (cursor === undefined) void refreshUnread();
      return call('messages', 'list', {
        unreadOnly: filter === 'unread',
        ...(cursor !== undefined ? { cursor } : {}),
        limit: 15,
      });
    },
    [filter],
  );

  const tap = async (message: Message) => {
    if (!message.read) {
      list.update((m) => m.id === message.id, { ...message, read: true });
      try {
        const res = await call('messages', 'markRead', { ids: [message.id] });
        setUnread(res.unread);
      } catch {
        // Shown as unread again; the link still opens.
        list.update((m) => m.id === message.id, message);
      }
    }
    open(message.link);
  };

  const anyUnread = unread !== null ? unread > 0 : list.items.some((m) => !m.read);
  const markAll = async () => {
    if (!anyUnread || markingAll) return;
    setMarkingAll(true);
    try {
      const res = await call('messages', 'markRead', { all: true });
      setUnread(res.unread);
      void Taro.showToast({ title: '已全部标为已读', icon: 'success' });
      await list.refresh();
    } catch (e) {
      void Taro.showModal({ title: '操作未成功', content: errorMessage(e), showCancel: false });
    } finally {
      setMarkingAll(false);
    }
  };

  return (
    <View className='screen msg-centre'>
      <View className='msg-centre__bar'>
        <View className='filter-bar msg-centre__filters' role='tablist'>
          {filters.map(([key, text]) => (
            <View
              key={key}
              className={`filter-bar__item ${filter === key ? 'is-active' : ''}`}
              role='tab'
              aria-selected={filter === key}
              data-testid={`messages-filter-${key}`}
              onClick={() => setFilter(key)}
            >
              {key === 'unread' && unread ? `${text} ${unread > 99 ? '99+' : unread}` : text}
            </View>
          ))}
        </View>
        <Button
          className='btn btn--ghost btn--small msg-centre__all'
          disabled={!anyUnread || markingAll || undefined}
          loading={markingAll || undefined}
          data-testid='messages-read-all'
          onClick={() => void markAll()}
        >
          全部已读
        </Button>
      </View>
      <PagedList
        state={list}
        keyOf={(m) => m.id}
        emptyTitle={filter === 'unread' ? '没有未读消息' : '还没有消息'}
        emptyHint={filter === 'unread' ? '新的通知会出现在这里' : '心愿、志愿活动和议事有进展时，我们会在这里告诉您'}
        renderItem={(m) => <MessageCard message={m} onOpen={() => void tap(m)} />}
      />
    </View>
  );
}
