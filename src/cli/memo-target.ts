import { Flags } from '@oclif/core';
import type { MemoTarget } from '../core/coding/index.js';

/** The flags that say what a memo is about; at most one. */
export const memoTargetFlags = {
  code: Flags.string({ description: 'A code id.', exclusive: ['doc', 'coding', 'on-project'] }),
  doc: Flags.integer({ char: 'd', description: 'A document id.', exclusive: ['code', 'coding', 'on-project'] }),
  coding: Flags.integer({ description: 'A coding id.', exclusive: ['code', 'doc', 'on-project'] }),
  'on-project': Flags.boolean({ description: 'The project as a whole.', exclusive: ['code', 'doc', 'coding'] }),
};

export function memoTarget(flags: { code?: string; doc?: number; coding?: number; 'on-project'?: boolean }): MemoTarget | undefined {
  if (flags.code) return { kind: 'code', id: flags.code };
  if (flags.doc !== undefined) return { kind: 'document', id: flags.doc };
  if (flags.coding !== undefined) return { kind: 'coding', id: flags.coding };
  if (flags['on-project']) return { kind: 'project' };
  return undefined;
}
