#!/usr/bin/env node
/**
 * Provisions a real CloudBase environment from database/collections.json — the same file the
 * local emulator reads — so production and local mode have the same collections, indexes and
 * security rules. Idempotent: existing collections and indexes are left as they are.
 *
 * Usage:
 *   node scripts/provision.mjs --dry-run                # print the plan, touch nothing
 *   TCB_ENV_ID=… TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… node scripts/provision.mjs
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './lib.mjs';

export function loadCollections() {
  return JSON.parse(readFileSync(join(root, 'database', 'collections.json'), 'utf8'));
}

/** The steps, in order, that bring an environment in line with the declarations. */
export function planProvisioning(file) {
  const steps = [];
  for (const [name, spec] of Object.entries(file.collections)) {
    steps.push({ kind: 'collection', collection: name });
    steps.push({ kind: 'acl', collection: name, aclTag: spec.rule });
    for (const index of spec.indexes ?? []) {
      steps.push({
        kind: 'index',
        collection: name,
        indexName: index.name,
        schema: {
          MgoIsUnique: Boolean(index.unique),
          MgoIndexKeys: index.keys.map((k) => ({ Name: k.field, Direction: String(k.order) })),
        },
      });
    }
  }
  return steps;
}

async function apply(steps) {
  const { TCB_ENV_ID: envId, TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey } = process.env;
  if (!envId || !secretId || !secretKey) {
    throw new Error('Set TCB_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (or use --dry-run).');
  }
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const manager = new CloudBase({ secretId, secretKey, envId });
  for (const step of steps) {
    if (step.kind === 'collection') {
      await manager.database.createCollectionIfNotExists(step.collection);
    } else if (step.kind === 'acl') {
      await manager.commonService().call({
        Action: 'ModifyDatabaseACL',
        Param: { EnvId: envId, CollectionName: step.collection, AclTag: step.aclTag },
      });
    } else if (step.kind === 'index') {
      const { Exists } = await manager.database.checkIndexExists(step.collection, step.indexName);
      if (!Exists) {
        await manager.database.updateCollection(step.collection, {
          CreateIndexes: [{ IndexName: step.indexName, MgoKeySchema: step.schema }],
        });
      }
    }
    console.log(`✔ ${step.kind} ${step.collection}${step.indexName ? `.${step.indexName}` : ''}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const steps = planProvisioning(loadCollections());
  if (process.argv.includes('--dry-run')) console.log(JSON.stringify(steps, null, 2));
  else await apply(steps);
}
