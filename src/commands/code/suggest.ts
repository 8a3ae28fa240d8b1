import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { suggest, type CodeSuggestions } from '../../core/coding/index.js';
import { openProject } from '../../core/store/index.js';

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

export default class CodeSuggest extends LitkitCommand {
  static override description = `Learn from manual codings and propose codings for documents nobody has coded yet.
Per code, a naive Bayes classifier (natural) on stemmed words is trained on the documents people coded; cross-validated precision and recall are reported when there are enough examples. --accept stores the proposals as coder "suggest" for review.`;

  static override examples = ['<%= config.bin %> code suggest', '<%= config.bin %> code suggest --code employment.promotion --threshold 0.8 --accept'];

  static override flags = {
    project: projectFlag,
    code: Flags.string({ description: 'Only this code (default: every code with manual codings).' }),
    threshold: Flags.string({ description: 'Propose segments with at least this probability (0 to 1).', default: '0.7' }),
    limit: Flags.integer({ char: 'n', description: 'Proposals listed per code.', default: 10, min: 0 }),
    accept: Flags.boolean({ description: 'Store every proposal as a coding by coder "suggest" (replacing earlier ones).' }),
  };

  async run(): Promise<CodeSuggestions[]> {
    const { flags } = await this.parse(CodeSuggest);
    const threshold = Number(flags.threshold);
    if (!(threshold > 0 && threshold < 1)) this.error('--threshold must be a number between 0 and 1', { exit: 2 });
    const db = openProject(flags.project);
    try {
      const results = suggest(db, { code: flags.code, threshold, limit: flags.limit, accept: flags.accept });
      for (const r of results) {
        this.log(`${r.code}: ${r.positives} coded and ${r.negatives} uncoded segments to learn from`);
        if (r.note) {
          this.log(`  ${r.note}\n`);
          continue;
        }
        const v = r.validation!;
        this.log(`  ${v.folds}-fold cross-validation at ${threshold}: precision ${pct(v.precision)}, recall ${pct(v.recall)}, F1 ${pct(v.f1)}`);
        this.log(`  ${r.proposed} of ${r.candidates} segments in uncoded documents proposed${flags.accept ? `; ${r.accepted} stored as coder "suggest"` : ''}`);
        for (const s of r.suggestions) this.log(`  ${s.probability.toFixed(2)}  ${s.citation} [segment ${s.segmentId}]  ${s.excerpt.replace(/\s+/g, ' ').slice(0, 100)}`);
        this.log('');
      }
      return results;
    } finally {
      db.close();
    }
  }
}
