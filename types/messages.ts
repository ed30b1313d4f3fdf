/**
 * The `messages` area (消息中心): everything a person was told (wishes, activities, topics…),
 * newest first, with an unread count and marking read. Only ever the caller's own messages.
 * The subscription templates (deploy/subscriptions.json) are served for the consent request.
 */
import { z } from 'zod';
import { IsoTime, Key, PageInput, Paged, pageRefusals } from './common';
import { messageKinds } from './notifications';
import { queuedKinds } from './subscriptions';

const MessageKind = z.enum(messageKinds);

export const Message = z.object({
  id: Key,
  kind: MessageKind,
  title: z.string(),
  body: z.string(),
  /** A page path to open (deep link), or null. */
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: IsoTime,
});
export type Message = z.infer<typeof Message>;

export const ListMessagesInput = PageInput.extend({ unreadOnly: z.boolean().default(false) }).strict();
export type ListMessagesInput = z.infer<typeof ListMessagesInput>;
export const MessageList = Paged(Message);
export type MessageList = z.infer<typeof MessageList>;

export const UnreadCountInput = z.object({}).strict();
export type UnreadCountInput = z.infer<typeof UnreadCountInput>;
export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const MarkReadInput = z.union(
  [
    z.object({ ids: z.array(Key).min(1, '请选择消息').max(100, '一次最多标记100条') }).strict(),
    z.object({ all: z.literal(true) }).strict(),
  ],
  { message: '请选择要标记的消息，或全部标记为已读' },
);
export type MarkReadInput = z.infer<typeof MarkReadInput>;
export const MarkReadResult = z.object({ updated: z.number().int(), unread: z.number().int() });
export type MarkReadResult = z.infer<typeof MarkReadResult>;

export const TemplatesInput = z.object({}).strict();
export type TemplatesInput = z.infer<typeof TemplatesInput>;
export const Templates = z.object({
  templates: z.array(z.object({ key: z.string(), id: z.string(), title: z.string() })),
});
export type Templates = z.infer<typeof Templates>;

export const RecordConsentInput = z
  .object({
    /** The queued kinds whose template the person accepted in WeChat's consent dialog (one consent each). */
    kinds: z.array(z.enum(queuedKinds)).min(1, '请选择订阅的提醒').max(3, '一次最多订阅3种提醒'),
  })
  .strict();
export type RecordConsentInput = z.infer<typeof RecordConsentInput>;
export const RecordConsentResult = z.object({ recorded: z.number().int() });
export type RecordConsentResult = z.infer<typeof RecordConsentResult>;

export const messagesActions = {
  list: {
    summary: "The caller's messages, newest first, paginated (optionally unread only).",
    input: ListMessagesInput,
    result: MessageList,
    refusals: { ...pageRefusals },
  },
  unreadCount: {
    summary: "How many of the caller's messages are unread (the tab bar badge).",
    input: UnreadCountInput,
    result: UnreadCount,
    refusals: {},
  },
  markRead: {
    summary: "Marks the caller's messages read: the given ids (others' ids are ignored) or all.",
    input: MarkReadInput,
    result: MarkReadResult,
    refusals: {},
  },
  templates: {
    summary: 'The WeChat subscription-message templates of the kinds that are sent (deploy/subscriptions.json).',
    input: TemplatesInput,
    result: Templates,
    refusals: {},
  },
  recordConsent: {
    summary:
      "Counts the caller's one-time consents to the queued kinds' templates (voteOpen, topicProgress, wishReview, applicationResult), one per accepted kind; the send queue uses one per message.",
    input: RecordConsentInput,
    result: RecordConsentResult,
    refusals: {},
  },
} as const;
