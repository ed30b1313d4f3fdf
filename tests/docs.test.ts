/** docs/api.md is generated from the schemas; this fails when someone forgets to regenerate it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderApiDocs } from '../scripts/api-docs';
import { Collections } from '../cloudfunctions/_shared/collections';

test('docs/api.md matches the action registry (regenerate with `npx tsx scripts/api-docs.ts --write`)', () => {
  const committed = readFileSync(join(__dirname, '..', 'docs', 'api.md'), 'utf8');
  expect(committed).toBe(renderApiDocs());
});

test('every collection the functions name is declared in database/collections.json', () => {
  const declared = JSON.parse(readFileSync(join(__dirname, '..', 'database', 'collections.json'), 'utf8')) as {
    collections: Record<string, unknown>;
  };
  for (const name of Object.values(Collections)) expect(Object.keys(declared.collections)).toContain(name);
});
