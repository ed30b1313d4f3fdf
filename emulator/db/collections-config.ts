/**
 * Types and validation of database/collections.json (its format is fixed by that file).
 * Invariant: normalizeCollections returns only well-formed declarations (non-empty index keys,
 * order 1 or -1) or throws a descriptive Error.
 */
import { isPlainObject } from './ejson-codec';

export interface IndexKeyDecl {
  field: string;
  order: 1 | -1;
}
export interface IndexDecl {
  name: string;
  unique?: boolean;
  keys: IndexKeyDecl[];
}
export interface CollectionDecl {
  description?: string;
  rule?: string;
  indexes?: IndexDecl[];
}
export interface CollectionsFile {
  $comment?: string;
  collections: Record<string, CollectionDecl>;
}

export function normalizeCollections(file: CollectionsFile | undefined): Map<string, IndexDecl[]> {
  const out = new Map<string, IndexDecl[]>();
  if (!file) return out;
  if (!isPlainObject(file) || !isPlainObject(file.collections))
    throw new Error('collections file: "collections" must be an object');
  for (const [name, decl] of Object.entries(file.collections)) {
    const indexes: IndexDecl[] = [];
    for (const ix of decl.indexes ?? []) {
      if (typeof ix.name !== 'string' || !ix.name) throw new Error(`collections file: ${name}: index without a name`);
      if (!Array.isArray(ix.keys) || ix.keys.length === 0)
        throw new Error(`collections file: ${name}.${ix.name}: no keys`);
      const keys = ix.keys.map((k) => {
        if (typeof k.field !== 'string' || !k.field) throw new Error(`collections file: ${name}.${ix.name}: bad field`);
        return { field: k.field, order: k.order === -1 ? -1 : 1 } as IndexKeyDecl;
      });
      indexes.push({ name: ix.name, unique: ix.unique === true, keys });
    }
    out.set(name, indexes);
  }
  return out;
}
