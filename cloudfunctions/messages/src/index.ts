/** The `messages` cloud function (消息中心): action name → verb. */
import { messagesActions } from '../../../types/messages';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { list } from './list';
import { markRead } from './mark-read';
import { templates } from './templates';
import { unreadCount } from './unread-count';

export const routes = defineRoutes(messagesActions, { list, unreadCount, markRead, templates });
export const main = createHandler('messages', routes);
