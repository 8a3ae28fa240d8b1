/**
 * Escaping at the writer, one function per medium: terminals and XML (control characters),
 * Markdown (document text that must stay text), spreadsheets (cells that would run as formulas).
 * Document text and titles are written by strangers: a title can carry `ESC]0;…` to retitle a
 * terminal, `<script>` for an HTML report, or `=HYPERLINK(…)` for a CSV opened in Excel.
 */

// Whole escape sequences first (CSI `ESC [ … letter`, OSC `ESC ] … BEL|ST`, two-byte `ESC x`),
// so that no visible remnant like "]0;title" is left; then any lone control character.
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\u009b[0-?]*[ -/]*[@-~]|\u009d[^\x07\u009c]*[\x07\u009c]?/g;
/** C0 except TAB and LF, DEL, C1, and the bidi overrides and isolates that reorder what is shown. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
/** What XML 1.0 cannot hold at all (lone surrogates aside): a DOCX or XLSX with one is corrupt. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

/** Text safe to print on a terminal: escape sequences and control characters removed (TAB and LF kept). */
export function stripControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** A one-line field (a title, an author, an attribute): controls removed, white space folded. */
export function cleanField(text: string): string {
  return stripControls(text).replace(/\s+/g, ' ').trim();
}

/** Text an XML part (DOCX, XLSX) can hold: characters XML 1.0 forbids are removed. */
export function xmlText(text: string): string {
  return text.replace(XML_INVALID, '');
}

/**
 * Plain text as Markdown that renders as exactly that text: characters that would open emphasis,
 * code, links, images, raw HTML, tables or entities are backslash-escaped, and so is whatever
 * would start a heading, list or quote at the start of a line. Parentheses and full stops are left
 * alone elsewhere so the Markdown stays readable.
 */
export function escapeMarkdown(text: string): string {
  return stripControls(text)
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
    .replace(/^([ \t]*)([#+=-])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}

export type SpreadsheetValue = string | number | null | undefined;

/**
 * A cell value safe to open in Excel, LibreOffice or Google Sheets: text that starts with
 * `= + - @`, TAB or CR would be read as a formula, so it gets a leading `'` (OWASP's advice for
 * CSV injection); XML-invalid characters are dropped. Numbers stay numbers.
 */
export function spreadsheetCell(value: SpreadsheetValue): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  const text = xmlText(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
