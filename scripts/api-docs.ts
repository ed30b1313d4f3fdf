/**
 * Generates docs/api.md from the action registry (types/actions.ts), so the document can never
 * drift from the schemas: a test fails when the committed file differs from this output.
 * Usage: npx tsx scripts/api-docs.ts --write
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  actions,
  commonRefusals,
  errorCodes,
  functionRefusals,
  type ActionSpec,
  type Refusals,
} from '../types/actions';
import { ERROR_CODES, defaultMessages } from '../types/errors';

type Json = { [key: string]: unknown };

/** A compact TypeScript-like rendering of a JSON Schema. */
function typeOf(schema: Json, indent = ''): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (variants) return variants.map((v) => typeOf(v, indent)).join(' | ');
  if (Array.isArray(schema.type)) return schema.type.map((t) => typeOf({ ...schema, type: t }, indent)).join(' | ');
  switch (schema.type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Json>;
      const required = new Set((schema.required ?? []) as string[]);
      const keys = Object.keys(props);
      if (keys.length === 0) return '{}';
      const inner = indent + '  ';
      const lines = keys.map((key) => {
        const prop = props[key] as Json;
        const doc = typeof prop.description === 'string' ? `  // ${prop.description}` : '';
        return `${inner}${key}${required.has(key) ? '' : '?'}: ${typeOf(prop, inner)};${doc}`;
      });
      return `{\n${lines.join('\n')}\n${indent}}`;
    }
    case 'array':
      return `Array<${typeOf((schema.items ?? {}) as Json, indent)}>`;
    case 'string': {
      const format = typeof schema.format === 'string' ? ` /* ${schema.format} */` : '';
      return `string${format}`;
    }
    case 'integer':
      return 'integer';
    case 'number':
    case 'boolean':
    case 'null':
      return schema.type;
    default:
      return 'unknown';
  }
}

function render(schema: z.ZodType, io: 'input' | 'output'): string {
  return typeOf(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'index.js') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * reason → its Chinese message, where the functions give the reason with a literal message
 * (`new AppError(CODE, 'reason', '消息')`, `forbidden('reason', '消息')`). A reason given with
 * several literal messages (one per case) lists them all, separated by " / "; a reason whose
 * message is built at run time says so.
 */
export function refusalMessages(): Map<string, string> {
  const seen = new Map<string, Set<string>>();
  const pair = /'([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)',\s*'([^'\n]*)'/g;
  const loose = /'([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)'/g;
  for (const file of sourceFiles(join(__dirname, '..', 'cloudfunctions')).sort()) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(pair)) {
      const set = seen.get(m[1]!) ?? new Set<string>();
      set.add(m[2]!);
      seen.set(m[1]!, set);
    }
    // The same reason elsewhere with a built message: no single literal.
    for (const m of text.matchAll(loose)) {
      const after = text.slice(m.index! + m[0].length).match(/^,\s*([`'])/);
      if (after && after[1] === '`') seen.set(m[1]!, new Set(['', '`']));
    }
  }
  // Given without a message (`new AppError('INTERNAL', 'internal.unexpected')`): the code's default.
  const bare = /AppError\('([A-Z_]+)', '([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)'\)/g;
  for (const file of sourceFiles(join(__dirname, '..', 'cloudfunctions')).sort()) {
    for (const m of readFileSync(file, 'utf8').matchAll(bare)) {
      const set = seen.get(m[2]!) ?? new Set<string>();
      set.add(defaultMessages[m[1] as keyof typeof defaultMessages] ?? '');
      seen.set(m[2]!, set);
    }
  }
  const out = new Map<string, string>();
  for (const [reason, messages] of seen) {
    out.set(reason, messages.has('`') ? '_(composed when refused)_' : [...messages].join(' / '));
  }
  return out;
}

function refusalTable(refusals: Refusals, messages: Map<string, string>): string[] {
  const rank = (code: string) => (ERROR_CODES as readonly string[]).indexOf(code);
  const rows = Object.entries(refusals).sort(([ra, ca], [rb, cb]) => rank(ca) - rank(cb) || ra.localeCompare(rb));
  return [
    '| reason | code | message |',
    '| --- | --- | --- |',
    ...rows.map(([reason, code]) => `| \`${reason}\` | \`${code}\` | ${messages.get(reason) ?? ''} |`),
  ];
}

export function renderApiDocs(): string {
  const messages = refusalMessages();
  const out: string[] = [
    '# API',
    '',
    '<!-- Generated by `npx tsx scripts/api-docs.ts --write` from types/actions.ts. Do not edit by hand. -->',
    '',
    'Every action is a call to a cloud function (one per area) with the body `{ "action": <name>, "data": <input> }`:',
    '`Taro.cloud.callFunction({ name: <area>, data: { action, data } })` in WeChat, or',
    '`POST /api/functions/<area>` on the local server. Every reply is an envelope:',
    '`{ "ok": true, "data": <result> }` or `{ "ok": false, "error": { "code", "reason", "message", "fields"? } }`.',
    'The caller is the WeChat user of the call (locally: the `X-Local-Openid` header); it is never part of `data`.',
    '',
    '## Error codes',
    '',
    '| code | default message |',
    '| --- | --- |',
    ...Object.entries(defaultMessages).map(([code, message]) => `| \`${code}\` | ${message} |`),
    '',
    '## Refusals',
    '',
    'A refusal is `{ code, reason, message }`: `reason` is stable and dotted, the client may branch on it',
    "(`ActionReason<'wish', 'claim'>` in types/actions.ts is the union of one action's reasons). Each action",
    'lists its own refusals below; these are common to every action and not repeated:',
    '',
    ...refusalTable(commonRefusals, messages),
    '',
    'Before any action is chosen, a function may refuse the call itself:',
    '',
    ...refusalTable(functionRefusals, messages),
    '',
  ];
  for (const [area, specs] of Object.entries(actions)) {
    out.push(`## ${area}`, '');
    for (const [name, spec] of Object.entries(specs as Record<string, ActionSpec>)) {
      out.push(`### \`${area}.${name}\``, '', spec.summary, '');
      out.push('Input:', '', '```ts', render(spec.input, 'input'), '```', '');
      out.push('Result:', '', '```ts', render(spec.result, 'output'), '```', '');
      out.push(
        `Errors: ${errorCodes(spec)
          .map((c) => `\`${c}\``)
          .join(', ')}`,
        '',
      );
      if (Object.keys(spec.refusals).length > 0)
        out.push('Refusals:', '', ...refusalTable(spec.refusals, messages), '');
    }
  }
  return out.join('\n');
}

if (process.argv.includes('--write')) {
  const file = join(__dirname, '..', 'docs', 'api.md');
  writeFileSync(file, renderApiDocs());
  console.log(`wrote ${file}`);
}
