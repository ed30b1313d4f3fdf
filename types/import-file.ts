/**
 * Household import through cloud storage, the part the app and the org function share: where an
 * import file is uploaded, how big it may be, and the shape of the reply. Zod-free on purpose —
 * the app imports it, and zod stays on the server (the action's schemas are in types/org.ts).
 * docs/adr/0023-import-through-storage.md.
 */

/** Storage folder every import file is uploaded under: `imports/<yyyymmdd>/<random>.<csv|xlsx>`. */
export const IMPORT_FOLDER = 'imports';
/** The largest import file the function reads (bytes). */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;
/** The most data rows (without the header) one import takes. */
export const MAX_IMPORT_ROWS = 10_000;
/** The most row errors a reply lists; `errorCount` has them all. */
export const MAX_LISTED_ERRORS = 200;

export type ImportFormat = 'csv' | 'xlsx';

/** The format a file name says, or null for anything else. */
export function importFormatOf(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

/** `imports/<yyyymmdd>/<random>.<format>` for a file uploaded on `day` (yyyymmdd, China time). */
export function importCloudPath(day: string, random: string, format: ImportFormat): string {
  return `${IMPORT_FOLDER}/${day}/${random}.${format}`;
}

/** The storage path of an import file id if it is one (`cloud://<env>.<bucket>/imports/…`), else null. */
export function importPathOf(fileID: string): { env: string; path: string; format: ImportFormat } | null {
  const m = /^cloud:\/\/([A-Za-z0-9_-]+)\.([A-Za-z0-9._-]+)\/(imports\/\d{8}\/[A-Za-z0-9_-]{6,64}\.(csv|xlsx))$/.exec(
    fileID,
  );
  if (!m) return null;
  return { env: m[1]!, path: m[3]!, format: m[4] as ImportFormat };
}

/** The column a row error is about (the header's Chinese name), or null for the row as a whole. */
export type ImportColumn = '小区' | '楼栋' | '房号' | '建筑面积' | '党员中心户' | '网格';

export interface ImportRowError {
  /** 1-based spreadsheet row (header = 1). */
  row: number;
  field: ImportColumn | null;
  /** Why, in Chinese. */
  message: string;
}

export interface ImportHouseholdsResult {
  /** Data rows read (without the header). */
  rows: number;
  created: number;
  updated: number;
  /** How many row errors there are in all; when > 0 nothing was written. */
  errorCount: number;
  /** The first MAX_LISTED_ERRORS of them, by row. */
  errors: ImportRowError[];
  /** The encoding the file was read in (csv: 'utf-8' or 'gb18030'; xlsx: 'xlsx'). */
  encoding: 'utf-8' | 'gb18030' | 'xlsx';
}
