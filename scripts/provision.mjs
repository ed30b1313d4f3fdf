#!/usr/bin/env node
/**
 * Provisions a real CloudBase environment from database/collections.json — the same file the
 * local emulator reads — so production and local mode have the same collections, indexes and
 * security rules. Idempotent. Indexes are reconciled, not only added: an index the environment
 * has under a declared name but with other keys or uniqueness is dropped and created again, and
 * an index no longer declared (a renamed or retired one, e.g. `messages.push_queue`) is dropped,
 * so the environment's indexes are exactly the declared ones (`_id_` excepted).
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

/** Whether an index the environment describes (`IndexInfo`) has the declared step's schema. */
function sameIndex(existing, step) {
  const keys = (existing.Keys ?? []).map((k) => `${k.Name}:${String(k.Direction)}`).join(',');
  const wanted = step.schema.MgoIndexKeys.map((k) => `${k.Name}:${k.Direction}`).join(',');
  return keys === wanted && Boolean(existing.Unique) === step.schema.MgoIsUnique;
}

/**
 * What to change on one collection: `existing` the indexes it has (describeCollection's
 * `Indexes`), `declared` its index steps. Drops come first (a changed index is dropped, then
 * created under the same name).
 */
export function indexChanges(existing, declared) {
  const byName = new Map(existing.map((i) => [i.Name, i]));
  const names = new Set(declared.map((s) => s.indexName));
  const drop = existing.filter((i) => i.Name !== '_id_' && !names.has(i.Name)).map((i) => i.Name);
  const create = [];
  for (const step of declared) {
    const have = byName.get(step.indexName);
    if (have && sameIndex(have, step)) continue;
    if (have) drop.push(step.indexName);
    create.push(step);
  }
  return { drop, create };
}

/** Brings one collection's indexes to exactly the declared ones (see `indexChanges`). */
async function reconcileIndexes(manager, collection, declared) {
  const { Indexes = [] } = await manager.database.describeCollection(collection);
  const { drop, create } = indexChanges(Indexes, declared);
  if (drop.length > 0) {
    await manager.database.updateCollection(collection, { DropIndexes: drop.map((IndexName) => ({ IndexName })) });
    for (const name of drop) console.log(`✘ index ${collection}.${name} dropped`);
  }
  if (create.length > 0) {
    await manager.database.updateCollection(collection, {
      CreateIndexes: create.map((s) => ({ IndexName: s.indexName, MgoKeySchema: s.schema })),
    });
  }
  for (const s of declared) console.log(`✔ index ${collection}.${s.indexName}`);
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
      console.log(`✔ collection ${step.collection}`);
    } else if (step.kind === 'acl') {
      await manager.commonService().call({
        Action: 'ModifyDatabaseACL',
        Param: { EnvId: envId, CollectionName: step.collection, AclTag: step.aclTag },
      });
      console.log(`✔ acl ${step.collection}`);
      // Indexes once per collection, right after its rule (its index steps follow in the plan).
      const declared = steps.filter((s) => s.kind === 'index' && s.collection === step.collection);
      await reconcileIndexes(manager, step.collection, declared);
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const steps = planProvisioning(loadCollections());
  if (process.argv.includes('--dry-run')) console.log(JSON.stringify(steps, null, 2));
  else await apply(steps);
}
