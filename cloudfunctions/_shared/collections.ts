/**
 * Collection names: the one table lives in types/documents.ts beside each collection's document
 * schema; verbs name a collection as `Collections.<name>`.
 */
export { Collections, type CollectionName } from '../../types/documents';
