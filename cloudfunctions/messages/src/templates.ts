/**
 * messages.templates — the WeChat subscription-message templates declared once in
 * types/notifications.ts, for the client's consent request (made on a user tap).
 * Invariants: needs no identity and reads nothing from the database.
 */
import type { Templates, TemplatesInput } from '../../../types/messages';
import { subscriptionTemplates } from '../../../types/notifications';

export async function templates(_args: { input: TemplatesInput }): Promise<Templates> {
  return {
    templates: Object.entries(subscriptionTemplates).map(([key, t]) => ({ key, id: t.id, title: t.title })),
  };
}
