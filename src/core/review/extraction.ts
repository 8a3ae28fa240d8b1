import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError, UsageError } from '../../errors.js';
import { readTextFile } from '../text/decode.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { getSetting, setSetting } from '../store/settings.js';
import { includedRecordIds } from './status.js';

/** The extraction forms that ship with litkit. */
export const BUNDLED_FORMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'templates', 'forms');

const fieldSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be lower-case letters, digits, _ and -'),
    label: z.string().min(1),
    type: z.enum(['text', 'number', 'choice', 'list']),
    options: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .refine((f) => (f.type === 'choice' || f.type === 'list' ? (f.options?.length ?? 0) > 0 : true), 'choice and list fields need options');

const formSchema = z.object({ fields: z.array(fieldSchema).min(1) }).strict();
export type ExtractionForm = z.infer<typeof formSchema>;
export type ExtractionField = ExtractionForm['fields'][number];

/** Reads and validates a form (a bundled name such as `study`, or a YAML path); errors carry line numbers. */
export function readForm(nameOrPath: string): ExtractionForm {
  const bundled = path.join(BUNDLED_FORMS_DIR, `${nameOrPath.replace(/\.ya?ml$/, '')}.yaml`);
  const file = fs.existsSync(nameOrPath) ? nameOrPath : bundled;
  if (!fs.existsSync(file)) throw new InputError('E_NOT_FOUND', 'no such form file (bundled: study)', nameOrPath);
  const lines = new LineCounter();
  const doc = parseDocument(readTextFile(file), { lineCounter: lines });
  if (doc.errors.length) throw new InputError('E_FORM', `line ${doc.errors[0]!.linePos?.[0]?.line ?? 1}: ${doc.errors[0]!.message.split('\n')[0]}`, file);
  const parsed = formSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: number[] } | undefined;
    const line = node?.range ? lines.linePos(node.range[0]!).line : 1;
    throw new InputError('E_FORM', `line ${line}: ${issue.path.join('.')}: ${issue.message}`, file);
  }
  return parsed.data;
}

/** Makes a form the project's extraction form. */
export function setForm(db: Db, form: ExtractionForm): void {
  setSetting(db, 'extraction_form', JSON.stringify(form));
}

export function currentForm(db: Db): ExtractionForm {
  const json = getSetting(db, 'extraction_form');
  if (!json) throw new UsageError('E_NO_FORM', 'no extraction form yet; run `litkit extract form study` (or your own YAML form)');
  return JSON.parse(json) as ExtractionForm;
}

/** Checks a value against its field, returning it as stored. */
function validate(field: ExtractionField, value: string): string {
  const v = value.trim();
  if (field.type === 'number' && !/^-?\d+(\.\d+)?$/.test(v)) throw new UsageError('E_VALUE', `${field.id} takes a number, got "${value}"`);
  if (field.type === 'choice' && !field.options!.includes(v)) throw new UsageError('E_VALUE', `${field.id} is one of: ${field.options!.join(', ')}; got "${value}"`);
  if (field.type === 'list') {
    const items = v.split(/\s*;\s*/).filter(Boolean);
    const bad = items.filter((i) => !field.options!.includes(i));
    if (bad.length) throw new UsageError('E_VALUE', `${field.id} takes items of: ${field.options!.join(', ')}; not ${bad.join(', ')}`);
    return items.join('; ');
  }
  return v;
}

/** Sets one field of one study. */
export function setValue(db: Db, recordId: number, fieldId: string, value: string, reviewer: string): void {
  const field = currentForm(db).fields.find((f) => f.id === fieldId);
  if (!field) throw new UsageError('E_USAGE', `the form has no field "${fieldId}" (fields: ${currentForm(db).fields.map((f) => f.id).join(', ')})`);
  if (!db.sql.prepare('SELECT 1 FROM records WHERE id = ?').get(recordId)) throw new UsageError('E_NO_RECORD', `no record ${recordId}`);
  const stored = validate(field, value);
  db.transaction(() => {
    db.sql
      .prepare('INSERT INTO extraction (record_id, field, value, reviewer, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(record_id, field) DO UPDATE SET value = excluded.value, reviewer = excluded.reviewer, updated_at = excluded.updated_at')
      .run(recordId, field.id, stored, reviewer, new Date().toISOString());
    audit(db, reviewer, 'extract.set', String(recordId), { field: field.id, value: stored });
  });
}

/** A study's extracted values, in form order. */
export function studyValues(db: Db, recordId: number): Record<string, string | null> {
  const form = currentForm(db);
  const rows = db.sql.prepare('SELECT field, value FROM extraction WHERE record_id = ?').all(recordId) as { field: string; value: string }[];
  const byField = new Map(rows.map((r) => [r.field, r.value]));
  return Object.fromEntries(form.fields.map((f) => [f.id, byField.get(f.id) ?? null]));
}

/** Values from a CSV with a record_id column and one column per field id; all rows or none. */
export function importValues(db: Db, file: string, reviewer: string): { records: number; values: number } {
  const rows = parseCsv(readTextFile(file), { columns: true, skip_empty_lines: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
  const form = currentForm(db);
  let values = 0;
  db.transaction(() => {
    for (const { record: r, info } of rows) {
      const id = Number(r.record_id);
      for (const f of form.fields) {
        if (!r[f.id]?.trim()) continue;
        try {
          setValue(db, id, f.id, r[f.id]!, reviewer);
          values++;
        } catch (err) {
          throw new InputError('E_VALUE', `line ${info.lines}: ${(err as Error).message}`, file);
        }
      }
    }
  });
  return { records: rows.length, values };
}

export interface StudyRow {
  recordId: number;
  citation: string;
  values: Record<string, string | null>;
}

/** The included studies (final full-text includes, the rule of `stageStatuses`) with their extracted values: the review's table of studies. */
export function includedStudies(db: Db): { form: ExtractionForm; studies: StudyRow[] } {
  const form = currentForm(db);
  const row = db.sql.prepare('SELECT id, title, year, authors FROM records WHERE id = ?');
  const ids = includedRecordIds(db).map((id) => row.get(id) as { id: number; title: string; year: number | null; authors: string });
  return {
    form,
    studies: ids.map((r) => {
      const authors = JSON.parse(r.authors) as string[];
      const who = authors.length === 0 ? r.title : `${authors[0]!.split(',')[0]}${authors.length > 2 ? ' et al.' : authors.length === 2 ? ` & ${authors[1]!.split(',')[0]}` : ''}`;
      return { recordId: r.id, citation: `${who} (${r.year ?? 'n.d.'})`, values: studyValues(db, r.id) };
    }),
  };
}
