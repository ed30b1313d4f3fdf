/**
 * xlsx for every area: building a workbook (one sheet, a bold frozen header row of Chinese column
 * names, then the data rows) and loading exceljs itself for readers. exceljs is loaded only when
 * a spreadsheet is asked for, so other actions do not pay for it.
 */
import type * as ExcelJsModule from 'exceljs';

type ExcelJs = typeof ExcelJsModule;
export type Cell = string | number;

/** exceljs is CommonJS: a dynamic import() in Node yields it as `default`, a bundler inline. */
export async function loadExcel(): Promise<ExcelJs> {
  const loaded = await import('exceljs');
  return (loaded as ExcelJs & { default?: ExcelJs }).default ?? loaded;
}

export interface Sheet {
  name: string;
  headers: string[];
  rows: Cell[][];
  /** Column widths in characters, one per header. */
  widths?: number[];
}

/** The workbook as base64. */
export async function buildXlsx(sheet: Sheet): Promise<string> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = '红色邻里';
  const ws = workbook.addWorksheet(sheet.name);
  ws.columns = sheet.headers.map((header, i) => ({ header, width: sheet.widths?.[i] ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of sheet.rows) ws.addRow(row);
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer).toString('base64');
}
