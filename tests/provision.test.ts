/**
 * The production provisioning plan is derived from database/collections.json, the file the
 * emulator reads too: every declared collection, rule and index is in it, and nothing else.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

test('provisioning an environment that has a retired and a changed index drops both, recreates the changed one and keeps the rest', () => {
  const step = (indexName: string, keys: string[], unique = false) => ({
    kind: 'index',
    collection: 'messages',
    indexName,
    schema: { MgoIsUnique: unique, MgoIndexKeys: keys.map((Name) => ({ Name, Direction: '1' })) },
  });
  const info = (Name: string, keys: string[], Unique = false) => ({
    Name,
    Unique,
    Size: 0,
    Keys: keys.map((k) => ({ Name: k, Direction: '1' })),
  });
  const declared = [step('user_read', ['userId', 'read']), step('by_key', ['key'], true), step('fresh', ['at'])];
  const existing = [
    info('_id_', ['_id']),
    info('user_read', ['userId', 'read']),
    info('by_key', ['key']),
    info('push_queue', ['push.state']),
  ];
  const script = `import(${JSON.stringify(join(root, 'scripts', 'provision.mjs'))}).then((m) => console.log(JSON.stringify(m.indexChanges(${JSON.stringify(existing)}, ${JSON.stringify(declared)}))))`;
  const changes = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  ) as {
    drop: string[];
    create: Array<{ indexName: string }>;
  };
  expect(changes.drop).toEqual(['push_queue', 'by_key']);
  expect(changes.create.map((s) => s.indexName)).toEqual(['by_key', 'fresh']);
});

test('every collection is closed to direct client access: only cloud functions touch the database', () => {
  const file = JSON.parse(readFileSync(join(root, 'database', 'collections.json'), 'utf8')) as {
    collections: Record<string, { rule: string }>;
  };
  for (const spec of Object.values(file.collections)) expect(spec.rule).toBe('ADMINONLY');
});

test('every cloud function folder is deployable: listed in cloudbaserc.json with its timers, and with its own manifest', () => {
  const dir = join(root, 'cloudfunctions');
  const folders = readdirSync(dir)
    .filter((name: string) => !name.startsWith('_') && existsSync(join(dir, name, 'src', 'index.ts')))
    .sort();
  const rc = JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8')) as {
    functions: Array<{ name: string; triggers?: Array<{ name: string; config: string }> }>;
  };
  expect(rc.functions.map((f) => f.name).sort()).toEqual(folders);
  for (const name of folders) {
    const manifest = JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies['@cloudbase/node-sdk']).toBe('3.18.3');
    const config = JSON.parse(readFileSync(join(dir, name, 'config.json'), 'utf8')) as {
      triggers?: Array<{ name: string; config: string }>;
    };
    const declared = (rc.functions.find((f) => f.name === name)?.triggers ?? []).map((t) => `${t.name} ${t.config}`);
    expect((config.triggers ?? []).map((t) => `${t.name} ${t.config}`)).toEqual(declared);
  }
});
