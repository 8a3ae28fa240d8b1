/** The codings table's row, as interop reads it (the coding module keeps its own joined view). */
export interface CodingTableRow {
  id: number;
  code_id: string;
  document_id: number;
  segment_id: number | null;
  page: number;
  start: number;
  end: number;
  coder: string;
  framework_version: string | null;
  rule: string | null;
  evidence: string | null;
  score: number | null;
  /** A reviewer's verdict on an auto or suggested coding (migration 007); null when unreviewed or a person's own. */
  status: 'accepted' | 'rejected' | null;
  created_at: string;
}
