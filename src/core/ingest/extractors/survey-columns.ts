import { UsageError } from '../../../errors.js';
import { isNumeric } from '../../cases/values.js';
import type { SurveyTable } from './survey-table.js';

/** What a survey column becomes: the respondent id, answers (segments), an attribute, or nothing. */
export type ColumnRole = 'id' | 'text' | 'attribute' | 'ignored' | 'identifying';

export interface SurveyColumn {
  index: number;
  header: string;
  role: ColumnRole;
  /** For text columns: the question id citations print ("Q4"). */
  question?: string;
  /** For attribute columns: the case attribute key (case.KEY in queries). */
  key?: string;
  /** For attributes: every answer is a number. */
  numeric?: boolean;
  /** Why the column got its role, as ingest prints it. */
  why: string;
}

/** What the user said about the columns; anything not said is guessed. */
export interface ColumnMapping {
  idCol?: string;
  textCols?: string[];
  attrCols?: string[];
  keepIdentifying?: string[];
}

/** Headers that name identifying data: people's names, contact details, staff and document numbers. */
const IDENTIFYING_HEADER = /\b(?:(?:first|last|full|given|family|sur|user|respondent'?s?|staff|employee)[ _-]?names?|name|e-?mail(?: address)?|phone|mobile|telephone|tel|cell|whatsapp|staff[ _-]?(?:id|no|number)|employee[ _-]?(?:id|no|number)|personnel[ _-]?(?:id|no|number)|index[ _-]?(?:no|number)|passport|national[ _-]?id|ip[ _-]?address|address|postcode|zip[ _-]?code|date of birth|dob|ssn|social security)\b/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{7,20}$/;
/** A phone number, not a count or an amount: separators, a leading 0 or +, or nine digits or more. */
const isPhone = (v: string) => PHONE.test(v) && (v.match(/\d/g)?.length ?? 0) >= 7 && (!isNumeric(v) || /^[0+]/.test(v) || v.length >= 9);
/** Staff or employee numbers: letters then five digits or more ("UN123456", "S-004512"). */
const STAFF_ID = /^[A-Z]{1,4}[-/]?\d{5,}$/i;
/** A person's name: two or three capitalised words. */
const PERSON = /^\p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{Ll}'’-]+){1,2}$/u;
/** Headers of the respondent id a survey tool writes. */
const ID_HEADER = /^(?:(?:respondent|response|participant|case|record|submission)[ _-]?(?:id|no\.?|number|#)|id|#|respondent|response)$/i;

const share = (values: string[], test: (v: string) => boolean) => (values.length ? values.filter(test).length / values.length : 0);

/** Why a column's header or answers look identifying; undefined when they do not. */
export function identifyingReason(header: string, values: string[]): string | undefined {
  // The header's name part, before a note in brackets or a colon; a question ("How should the
  // Agency address racism?") is not a field name, whatever words it uses.
  const name = header.replace(/_/g, ' ').split(/[(:;,]/)[0]!.trim();
  if (!name.endsWith('?') && name.split(/\s+/).length <= 6 && IDENTIFYING_HEADER.test(name)) return 'its header names personal data';
  if (share(values, (v) => EMAIL.test(v)) >= 0.5) return 'its answers are e-mail addresses';
  if (share(values, isPhone) >= 0.5) return 'its answers are phone numbers';
  if (share(values, (v) => STAFF_ID.test(v)) >= 0.5) return 'its answers look like staff or document numbers';
  if (values.length >= 5 && share(values, (v) => PERSON.test(v)) >= 0.8 && new Set(values).size >= 0.9 * values.length) return "its answers look like people's names";
  return undefined;
}

/** A case attribute key from a header: lower case, spaces and punctuation as `_` ("Contract type" → contract_type). */
export function attributeKey(header: string): string {
  const key = header.toLowerCase().replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '');
  return key || 'column';
}

/** The question id of a header: its own number ("Q4. What …" → Q4), else a short header itself, else Q + position. */
function questionId(header: string, position: number): string {
  const own = /^\s*(Q\s?\d+[a-z]?)\b/i.exec(header);
  if (own) return own[1]!.replace(/\s/g, '').toUpperCase();
  if (header.length <= 20 && header.split(/\s+/).length <= 3) return header;
  return `Q${position}`;
}

/**
 * The role of a column from its answers: an attribute when they are all numbers or a few values
 * chosen again and again (multiple choice), free text when they are long and varied (three words
 * or more on average), an attribute otherwise (short values such as a country).
 */
function guessRole(values: string[]): { role: ColumnRole; numeric?: boolean; why: string } {
  if (!values.length) return { role: 'ignored', why: 'no answers' };
  const distinct = new Set(values.map((v) => v.toLowerCase())).size;
  if (values.every(isNumeric)) return { role: 'attribute', numeric: true, why: 'all numbers' };
  const words = values.reduce((n, v) => n + v.split(/\s+/).length, 0) / values.length;
  if (distinct <= Math.min(30, values.length / 2) && words < 6) return { role: 'attribute', why: `${distinct} distinct values` };
  if (words >= 3) return { role: 'text', why: `${words.toFixed(1)} words on average, ${distinct} distinct answers` };
  return { role: 'attribute', why: `short values (${words.toFixed(1)} words on average)` };
}

function findColumn(table: SurveyTable, name: string, flag: string): number {
  const i = table.headers.findIndex((h) => h.toLowerCase() === name.trim().toLowerCase());
  if (i === -1) throw new UsageError('E_USAGE', `${flag}: no column "${name}"; the columns are ${table.headers.map((h) => `"${h}"`).join(', ')}`);
  return i;
}

/**
 * Decides what each column of a survey is: the mapping given (`--id-col`, `--text-cols`,
 * `--attr-cols`) and a guess for the rest. A column that looks identifying is refused unless it is
 * named in `keepIdentifying`, whatever else was said about it.
 */
export function mapColumns(table: SurveyTable, mapping: ColumnMapping = {}): SurveyColumn[] {
  const idIndex = mapping.idCol !== undefined ? findColumn(table, mapping.idCol, '--id-col') : table.headers.findIndex((h) => ID_HEADER.test(h.trim()));
  const text = new Set((mapping.textCols ?? []).map((c) => findColumn(table, c, '--text-cols')));
  const attrs = new Set((mapping.attrCols ?? []).map((c) => findColumn(table, c, '--attr-cols')));
  const keep = new Set((mapping.keepIdentifying ?? []).map((c) => findColumn(table, c, '--keep-identifying')));
  const both = [...text, ...attrs].find((i) => i === idIndex) ?? [...text].find((i) => attrs.has(i));
  if (both !== undefined) throw new UsageError('E_USAGE', `column "${table.headers[both]}" is named for two roles; give each column one of --id-col, --text-cols, --attr-cols`);
  const mapped = mapping.textCols !== undefined || mapping.attrCols !== undefined;
  let position = 0;
  return table.headers.map((header, index) => {
    if (index !== idIndex) position++;
    const values = table.rows.map((r) => (r[index] ?? '').trim()).filter(Boolean);
    if (index === idIndex) return { index, header, role: 'id' as const, why: mapping.idCol !== undefined ? '--id-col' : 'its header names the respondent id' };
    const identifying = identifyingReason(header, values);
    if (identifying && !keep.has(index)) return { index, header, role: 'identifying' as const, why: identifying };
    const given = text.has(index) ? { role: 'text' as const, why: '--text-cols' } : attrs.has(index) ? { role: 'attribute' as const, why: '--attr-cols' } : undefined;
    // With a mapping given, the columns it leaves out are left out, not guessed.
    const guess = given ?? (mapped ? { role: 'ignored' as const, why: 'not in --text-cols or --attr-cols' } : guessRole(values));
    const column: SurveyColumn = { index, header, ...guess };
    if (column.role === 'text') column.question = questionId(header, position);
    if (column.role === 'attribute') {
      column.key = attributeKey(header);
      column.numeric = values.length > 0 && values.every(isNumeric);
    }
    return column;
  });
}
