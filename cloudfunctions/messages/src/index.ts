/** The `messages` cloud function (消息中心): action name → verb, and the send queue's timer. */
import { messagesActions } from '../../../types/messages';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { list } from './list';
import { markRead } from './mark-read';
import { recordConsent } from './record-consent';
import { sendSubscriptions } from './send-subscriptions';
import { templates } from './templates';
import { unreadCount } from './unread-count';

export const routes = defineRoutes(messagesActions, { list, unreadCount, markRead, templates, recordConsent });
export const main = createHandler('messages', routes, { timers: { 'send-subscriptions': sendSubscriptions } });
