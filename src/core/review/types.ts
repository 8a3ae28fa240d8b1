/** A bibliographic record as read from an export, before it is stored. */
export interface RecordInput {
  line: number;
  type?: string;
  title: string;
  abstract?: string;
  authors: string[];
  year?: number;
  doi?: string;
  pmid?: string;
  journal?: string;
  keywords: string[];
  url?: string;
}

/** A record that could not be read: where it starts and why. */
export interface RecordProblem {
  line: number;
  message: string;
}

export interface ParsedRecords {
  records: RecordInput[];
  problems: RecordProblem[];
}

/** A title reduced for comparison: lower case, accents and punctuation dropped, spaces folded. */
export function normaliseTitle(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A DOI as stored: lower case, no resolver prefix or `doi:`. */
export function normaliseDoi(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /10\.\d{4,9}\/\S+/i.exec(value.trim());
  if (!m) return undefined;
  // Sentence punctuation after a DOI in running text is not part of it, nor an unmatched ")".
  let doi = m[0].replace(/[.,;:]+$/, '');
  while (doi.endsWith(')') && (doi.match(/\(/g)?.length ?? 0) < (doi.match(/\)/g)?.length ?? 0)) doi = doi.slice(0, -1).replace(/[.,;:]+$/, '');
  return doi.toLowerCase();
}
