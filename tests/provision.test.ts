/**
 * The production provisioning plan is derived from database/collections.json, the file the
 * emulator reads too: every declared collection, rule and index is in it, and nothing else.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

interface Step {
  kind: 'collection' | 'acl' | 'index';
  collection: string;
  aclTag?: string;
  indexName?: string;
  schema?: { MgoIsUnique: boolean; MgoIndexKeys: Array<{ Name: string; Direction: string }> };
}

test('the provisioning plan creates every declared collection, rule and index, and nothing else', () => {
  const plan = JSON.parse(
    execFileSync(process.execPath, [join(root, 'scripts', 'provision.mjs'), '--dry-run'], { encoding: 'utf8' }),
  ) as Step[];
  const file = JSON.parse(readFileSync(join(root, 'database', 'collections.json'), 'utf8')) as {
    collections: Record<
      string,
      {
        rule: string;
        indexes: Array<{ name: string; unique?: boolean; keys: Array<{ field: string; order: 1 | -1 }> }>;
      }
    >;
  };
  const expected: Step[] = [];
  for (const [name, spec] of Object.entries(file.collections)) {
    expected.push({ kind: 'collection', collection: name });
    expected.push({ kind: 'acl', collection: name, aclTag: spec.rule });
    for (const index of spec.indexes) {
      expected.push({
        kind: 'index',
        collection: name,
        indexName: index.name,
        schema: {
          MgoIsUnique: index.unique === true,
          MgoIndexKeys: index.keys.map((k) => ({ Name: k.field, Direction: String(k.order) })),
        },
      });
    }
  }
  expect(plan).toEqual(expected);
  expect(plan.filter((s) => s.kind === 'index' && s.schema?.MgoIsUnique).map((s) => s.indexName)).toContain(
    'openid_unique',
  );
});

test('every collection is closed to direct client access: only cloud functions touch the database', () => {
  const file = JSON.parse(readFileSync(join(root, 'database', 'collections.json'), 'utf8')) as {
    collections: Record<string, { rule: string }>;
  };
  for (const spec of Object.values(file.collections)) expect(spec.rule).toBe('ADMINONLY');
});
