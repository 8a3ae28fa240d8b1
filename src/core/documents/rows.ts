/** Row types that mirror the tables exactly; the rest of the code sees the domain types below. */
export interface DocumentRow {
  id: number;
  sha256: string;
  source_path: string;
  title: string;
  authors: string | null;
  year: number | null;
  format: string;
  page_count: number;
  bytes: number;
  status: 'ok' | 'no-text';
  error: string | null;
  engine: string | null;
  added_at: string;
}

export interface PageRow {
  document_id: number;
  number: number;
  text: string;
}

export interface AttributeRow {
  document_id: number;
  key: string;
  value: string;
}
