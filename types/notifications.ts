/**
 * Notifications: every event a person is told about lands in their in-app message list
 * (both modes); some are also sent as WeChat subscription messages in production. The
 * templates are declared here once: the client asks for consent with these ids (on a tap, as
 * WeChat requires) and the server sends with them. Replace the ids with the ones your
 * mini-program's 订阅消息 console assigns.
 */
import { z } from 'zod';

export const MessageKind = z.enum(['account', 'checkin', 'points', 'wish', 'activity', 'topic', 'system']);
export type MessageKind = z.infer<typeof MessageKind>;

export const subscriptionTemplates = {
  wishUpdate: { id: 'TPL_WISH_UPDATE', title: '心愿进度提醒', fields: ['thing1', 'phrase2', 'time3'] },
  activityReminder: { id: 'TPL_ACTIVITY_REMINDER', title: '活动开始提醒', fields: ['thing1', 'time2', 'thing3'] },
  voteOpen: { id: 'TPL_VOTE_OPEN', title: '投票开始通知', fields: ['thing1', 'time2'] },
  reviewResult: { id: 'TPL_REVIEW_RESULT', title: '审核结果通知', fields: ['thing1', 'phrase2', 'thing3'] },
} as const;
export type TemplateKey = keyof typeof subscriptionTemplates;
