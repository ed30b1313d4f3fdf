/**
 * Checks stored documents against their declared shapes (types/documents.ts): after a flow of
 * real actions, `documentProblems(f)` parses every document of every collection with its
 * collection's schema and lists what does not fit (an undeclared field, a missing one, a wrong
 * type), so a write that leaves its declared shape fails a test.
 */
import collectionsFile from '../../database/collections.json';
import { documentSchemas, type CollectionName } from '../../types/documents';
import type { Fixture } from './fixtures';

export interface DocumentProblem {
  collection: string;
  id: unknown;
  /** `path: message` of each issue zod found. */
  issues: string[];
}

/** Every stored document that does not parse with its collection's schema (none = all fit). */
export function documentProblems(f: Fixture): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  for (const [collection, docs] of Object.entries(f.dump())) {
    const schema = documentSchemas[collection as CollectionName];
    if (!schema) {
      problems.push({ collection, id: null, issues: ['no schema declared for this collection'] });
      continue;
    }
    for (const doc of docs as Array<{ _id?: unknown }>) {
      const parsed = schema.safeParse(doc);
      if (!parsed.success) {
        problems.push({
          collection,
          id: doc._id,
          issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`),
        });
      }
    }
  }
  return problems;
}

/** How many documents each collection holds (to show a flow wrote what it should have). */
export function documentCounts(f: Fixture): Record<string, number> {
  return Object.fromEntries(Object.entries(f.dump()).map(([name, docs]) => [name, docs.length]));
}

/** The collections database/collections.json declares (each must have a schema). */
export const declaredCollections = Object.keys(collectionsFile.collections);
