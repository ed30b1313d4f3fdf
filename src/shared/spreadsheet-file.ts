/**
 * A spreadsheet chosen for import, and the checks both builds make before uploading it
 * (pick-file.ts in WeChat, pick-file.h5.ts in the browser). The file goes to cloud storage under
 * `imports/<yyyymmdd>/<random>.<csv|xlsx>`; the function then reads it by its file id.
 */
import { cstParts } from '~types/time';
import { importCloudPath, importFormatOf, MAX_IMPORT_BYTES, type ImportFormat } from '~types/import-file';

export interface PickedFile {
  name: string;
  format: ImportFormat;
  size: number;
  /** WeChat: the temp file path; browser: the File. */
  source: unknown;
}

/** Upload progress, 0–100. */
export type OnProgress = (percent: number) => void;

export const formatOf = importFormatOf;

/** A Chinese reason the file cannot be imported, or null. */
export function checkSpreadsheet(name: string, size: number): string | null {
  if (!importFormatOf(name)) return '请选择 csv 或 xlsx 文件';
  if (size === 0) return '文件是空的';
  if (size > MAX_IMPORT_BYTES) return `文件过大（不超过${MAX_IMPORT_BYTES / 1024 / 1024}MB），请分成几个文件导入`;
  return null;
}

/** Where an import file is uploaded: today's folder (China time), a random name. */
export function newImportPath(format: ImportFormat, now = new Date()): string {
  const { year, month, day } = cstParts(now);
  const yyyymmdd = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  const random = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
  return importCloudPath(yyyymmdd, random, format);
}
