/**
 * The subscription-message templates as deployed: deploy/subscriptions.json, bundled into the
 * function at build time. Areas read the deploy configuration through here, since a server area
 * imports only its own files, _shared and types/ (lint rule `local/area-imports`).
 */
import subscriptionsJson from '../../deploy/subscriptions.json';
import { readSubscriptionConfig, type SubscriptionConfig } from '../../types/subscriptions';

/** The deployed templates, by kind (read afresh each call, so a caller may not alter another's). */
export function deployedSubscriptions(): SubscriptionConfig {
  return readSubscriptionConfig(subscriptionsJson);
}
