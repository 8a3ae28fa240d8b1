import fs from 'node:fs';
import { Flags } from '@oclif/core';
import { InputError } from '../errors.js';
import { parseNames, redactOptions, REDACTION_KINDS, type DetectOptions, type RedactionReport } from '../core/privacy/index.js';
import type { Db } from '../core/store/index.js';

/** `--names FILE`: the people to mask, shared by `ingest --redact` and `redact`. */
export const namesFlag = Flags.string({
  description: 'File of people\'s names to mask as [NAME], one per line (added to the redact.names setting).',
  helpValue: 'FILE',
});

/** What to mask: the project's redact.* settings plus the names in `file`. */
export function redactOptionsFrom(db: Db, file: string | undefined): DetectOptions {
  let names: string[] = [];
  if (file) {
    try {
      if (!fs.existsSync(file)) throw new InputError('E_NOT_FOUND', 'no such file', file);
      names = parseNames(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError('E_READ', `cannot read the names file: ${(err as Error).message}`, file);
    }
  }
  return redactOptions(db, names);
}

/** One line summing redaction reports: "Redacted 3 documents: 4 EMAIL, 2 PHONE, 0 ID, 9 NAME". */
export function redactionLine(reports: RedactionReport[]): string {
  const sum = (k: (typeof REDACTION_KINDS)[number]) => reports.reduce((n, r) => n + r.counts[k], 0);
  return `Redacted ${reports.length} document${reports.length === 1 ? '' : 's'}: ${REDACTION_KINDS.map((k) => `${sum(k)} ${k}`).join(', ')}`;
}
