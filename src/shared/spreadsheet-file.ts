/** A spreadsheet chosen for import, and how its name tells its format (pick-file*.ts use it). */
export interface PickedFile {
  name: string;
  format: 'csv' | 'xlsx';
  /** csv: the text; xlsx: base64. */
  content: string;
}

export function formatOf(name: string): 'csv' | 'xlsx' | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

export const MAX_SPREADSHEET_BYTES = 2 * 1024 * 1024;
