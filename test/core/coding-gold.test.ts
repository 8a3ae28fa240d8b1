import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the bench's scoring helpers are plain JavaScript.
import { goldProject, predictedCodes, readGold, score } from '../../bench/coding-gold.js';
import { autocode } from '../../src/core/coding/index.js';
import { HAS_SHARED, ROOT, SHARED } from '../helpers.js';

interface Passage {
  id: string;
  text: string;
  codes: string[];
}

// The quality floor of the bundled framework on the hand-labelled passages (issue 11's targets);
// `npm run bench -- coding` prints the whole table. The set's README gives the scoring rules.
describe.skipIf(!HAS_SHARED)('auto-coding the hand-labelled passages of ../shared/coding-gold', () => {
  it('reaches micro F1 >= 0.85 with no code of >= 4 passages below F1 0.6', async () => {
    const passages = readGold(path.join(SHARED, 'coding-gold', 'dev.jsonl')) as Passage[];
    const project = await goldProject(ROOT, passages);
    try {
      autocode(project.db, { framework: 'race-equality' });
      const byDoc = predictedCodes(project.db) as Map<number, Set<string>>;
      const result = score(passages, project.docIds.map((id: number) => byDoc.get(id) ?? new Set()));
      expect(passages.length).toBe(176);
      expect(result.micro.f1).toBeGreaterThanOrEqual(0.85);
      const weak = result.perCode.filter((r: { support: number; f1: number }) => r.support >= 4 && r.f1 < 0.6);
      expect(weak).toEqual([]);
    } finally {
      project.close();
    }
  });
});
