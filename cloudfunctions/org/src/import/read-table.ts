/**
 * The uploaded file as a table: one entry per non-blank row with its 1-based spreadsheet row
 * number and its cells as trimmed text. xlsx is read with exceljs (loaded only when an xlsx
 * arrives, so other actions do not pay for it), first sheet; csv bytes are decoded by
 * decode-csv.ts (UTF-8 with or without BOM, else GB18030 — what Excel in China saves).
 * Invariant: a file that cannot be read is one VALIDATION error, never a crash.
 */
import { AppError } from '../../../../types/errors';
import { loadExcel } from '../../../_shared/xlsx';
import type { ImportFormat, ImportHouseholdsResult } from '../../../../types/import-file';
import { parseCsv } from './csv';
import { decodeCsv } from './decode-csv';

export interface TableRow {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  cells: string[];
}

function unreadable(): AppError {
  return new AppError('VALIDATION', 'org.import-unreadable', '无法读取文件，请使用模板中的格式（.xlsx 或 .csv）', {
    fileID: '无法读取文件',
  });
}

function nonBlank(rows: Array<{ row: number; cells: string[] }>): TableRow[] {
  return rows
    .map((r) => ({ row: r.row, cells: r.cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
}

async function readXlsx(bytes: Buffer): Promise<TableRow[]> {
  const workbook = new (await loadExcel()).Workbook();
  const rows: Array<{ row: number; cells: string[] }> = [];
  try {
    await workbook.xlsx.load(bytes);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw unreadable();
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cell.text ?? '';
      });
      rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
    });
  } catch {
    throw unreadable();
  }
  return nonBlank(rows);
}

export interface Table {
  rows: TableRow[];
  encoding: ImportHouseholdsResult['encoding'];
}

export async function readTable(format: ImportFormat, bytes: Buffer): Promise<Table> {
  if (format === 'xlsx') return { rows: await readXlsx(bytes), encoding: 'xlsx' };
  const { text, encoding } = decodeCsv(bytes);
  return { rows: nonBlank(parseCsv(text).map((cells, i) => ({ row: i + 1, cells }))), encoding };
}
