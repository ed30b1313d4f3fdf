/**
 * Household import files for the org tests: uploaded to the emulator's storage under
 * `imports/<yyyymmdd>/<random>.<csv|xlsx>` with the SDK's uploadFile (what wx.cloud.uploadFile
 * does in WeChat), and whether a file is still there.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tcb from '@cloudbase/node-sdk';
import ExcelJS from 'exceljs';
import type { Fixture } from '../support/fixtures';

export const HEADER = '小区,楼栋,房号,建筑面积,党员中心户';
export const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n');

export function importPath(format: 'csv' | 'xlsx' = 'csv'): string {
  return `imports/20261102/${randomBytes(9).toString('hex')}.${format}`;
}

/** Uploads bytes (or UTF-8 text) to `cloudPath`; returns the file id. */
export async function uploadAt(cloudPath: string, content: Buffer | string): Promise<string> {
  const app = tcb.init({ env: 'local-dev' });
  const res = await app.uploadFile({
    cloudPath,
    fileContent: Buffer.isBuffer(content) ? content : Buffer.from(content),
  });
  if (!res.fileID) throw new Error(`upload failed: ${JSON.stringify(res)}`);
  return res.fileID;
}

export const uploadImport = (content: Buffer | string, format: 'csv' | 'xlsx' = 'csv') =>
  uploadAt(importPath(format), content);

export async function xlsxBytes(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('住户');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Whether the file behind a `cloud://local-dev.local/<path>` id is still in storage. */
export function fileExists(f: Fixture, fileID: string): boolean {
  const path = fileID.replace(/^cloud:\/\/[^/]+\//, '');
  return existsSync(join(f.server.dataDir, 'storage', path));
}
