/**
 * What an import or a merge brings, in litkit's own units (pages, UTF-16 offsets, code ids or
 * keys), whether it was read from a QDPX file or from another litkit project. apply.ts writes it.
 */

export interface IncomingMemo {
  author: string;
  text: string;
  createdAt: string;
}

export interface IncomingCoding {
  /** The key of an IncomingCode. */
  code: string;
  coder: string;
  page: number;
  start: number;
  end: number;
  createdAt: string;
  memos: IncomingMemo[];
  frameworkVersion?: string | null;
  rule?: string | null;
  evidence?: string | null;
  score?: number | null;
  status?: 'accepted' | 'rejected' | null;
}

export interface IncomingDocument {
  /** How the summary names it. */
  name: string;
  /** The SHA-256 of the original file, when known (litkit exports carry it). */
  sha256?: string;
  title: string;
  authors?: string;
  year?: number;
  format?: 'pdf' | 'docx' | 'html' | 'txt' | 'md';
  sourcePath: string;
  pages: string[];
  attributes: Record<string, string>;
  codings: IncomingCoding[];
  memos: IncomingMemo[];
}

export interface IncomingCode {
  key: string;
  /** The litkit id, when the code comes from litkit (a litkit project, or a framework note in a QDPX). */
  id?: string;
  frameworkId?: string;
  label: string;
  definition?: string;
  colour?: string;
  parentKey?: string;
  memos: IncomingMemo[];
}

export interface Incoming {
  file: string;
  origin?: string;
  projectName: string;
  /** Whole litkit frameworks (YAML with rules) to load when the project does not have them. */
  frameworks: { id: string; yaml: string }[];
  /** Parents before children. */
  codes: IncomingCode[];
  documents: IncomingDocument[];
  projectMemos: IncomingMemo[];
  /** What the file holds that litkit cannot map, one line each with a count. */
  unmapped: string[];
  /** Departures from the standard that were tolerated. */
  quirks: string[];
  /** Sources without text, selections with impossible positions, and the like. */
  problems: string[];
}
