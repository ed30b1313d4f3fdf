/**
 * Minimal stand-in (helper E, issue #14) for the subscription-template check that
 * deploy/subscriptions.json gets from its own module: the integrator replaces this file with
 * the full one. Same signature: `subscriptionConfigGaps(config)` returns what keeps the
 * subscription configuration from being deployed, in Chinese and English; empty = OK.
 * This version knows only one rule: no template id may still be a `PLACEHOLDER_` value.
 */
export interface ConfigGap {
  zh: string;
  en: string;
}

function placeholders(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'string') {
    if (value.startsWith('PLACEHOLDER_')) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => placeholders(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) placeholders(v, path ? `${path}.${k}` : k, out);
  }
}

export function subscriptionConfigGaps(config: unknown): Array<{ zh: string; en: string }> {
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    return [{ zh: '订阅消息配置不是一个 JSON 对象', en: 'the subscription configuration is not a JSON object' }];
  }
  const found: string[] = [];
  placeholders(config, '', found);
  return found.map((path) => ({
    zh: `订阅消息模板 ${path} 仍是占位符：请在小程序管理后台「订阅消息」选用模板，填入模板 ID`,
    en: `subscription template ${path} is still a placeholder: pick the template in the mini-program admin console (订阅消息) and fill in its template id`,
  }));
}
