/**
 * messages.templates — the WeChat subscription-message templates of the kinds the functions
 * send (deploy/subscriptions.json, bundled at build time): kind, template id and title.
 * Invariants: needs no identity and reads nothing from the database.
 */
import type { Templates, TemplatesInput } from '../../../types/messages';
import { subscriptionKinds } from '../../../types/subscriptions';
import { deployedSubscriptions } from '../../_shared/subscription-config';

export async function templates(_args: { input: TemplatesInput }): Promise<Templates> {
  const config = deployedSubscriptions();
  return {
    templates: subscriptionKinds.flatMap((key) => {
      const entry = config[key];
      return entry ? [{ key, id: entry.templateId, title: entry.title }] : [];
    }),
  };
}
