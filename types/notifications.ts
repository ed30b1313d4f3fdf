/**
 * Notifications: every event a person is told about lands in their in-app message list (both
 * modes), as one of these kinds. Some are also sent as WeChat subscription messages: those
 * kinds and their templates are types/subscriptions.ts and deploy/subscriptions.json.
 * Zod-free (the mini-program imports it); the message schema is in types/messages.ts.
 */
export const messageKinds = ['account', 'checkin', 'points', 'wish', 'activity', 'topic', 'system'] as const;
export type MessageKind = (typeof messageKinds)[number];
