import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { suggest, type CodeSuggestions } from '../../core/coding/index.js';
import { openProject } from '../../core/store/index.js';
import { UsageError } from '../../errors.js';

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const short = (s: string) => s.replace(/\s+/g, ' ').slice(0, 100);

export default class CodeSuggest extends LitkitCommand {
  static override description = `Learn each code from what people coded and decided, and propose it for segments not coded with it yet.
Per code, a linear SVM on TF-IDF words and word pairs (the screening model) learns from a person's codings and accepted codings (positives), rejected codings and the rest of the documents people coded (negatives), with the code's label and definition as one more positive. Stratified cross-validated precision and recall are reported; below --min-precision nothing is proposed. Near-duplicate segments are flagged, not proposed twice. --accept stores the proposals as coder "suggest", unreviewed, so they enter \`litkit code review\`.`;

  static override examples = [
    '<%= config.bin %> code suggest',
    '<%= config.bin %> code suggest --code employment.grievance --min-precision 0.7 --accept',
  ];

  static override flags = {
    project: projectFlag,
    code: Flags.string({ description: 'Only this code (default: every code with a person\'s codings or accepted codings).' }),
    threshold: Flags.string({ description: 'Propose segments with at least this calibrated probability (0 to 1).', default: '0.5' }),
    'min-precision': Flags.string({ description: 'Withhold a code\'s proposals when its cross-validated precision is below this (0 to 1).', default: '0.6' }),
    limit: Flags.integer({ char: 'n', description: 'Most proposals per code.', default: 20, min: 0 }),
    accept: Flags.boolean({ description: 'Store the proposals as codings by coder "suggest", unreviewed (replacing earlier unreviewed ones).' }),
  };

  async run(): Promise<CodeSuggestions[]> {
    const { flags } = await this.parse(CodeSuggest);
    const threshold = this.fraction(flags.threshold, '--threshold');
    const minPrecision = this.fraction(flags['min-precision'], '--min-precision');
    const db = openProject(flags.project);
    try {
      const results = suggest(db, { code: flags.code, threshold, minPrecision, limit: flags.limit, accept: flags.accept });
      for (const r of results) {
        this.log(`${r.code}: ${r.positives} positive and ${r.negatives} negative segments to learn from`);
        const v = r.validation;
        if (v) this.log(`  ${v.folds}-fold stratified cross-validation at ${threshold}: precision ${pct(v.precision)}, recall ${pct(v.recall)}, F1 ${pct(v.f1)}`);
        if (r.note) {
          this.log(`  ${r.note}\n`);
          continue;
        }
        const dup = r.duplicates.length ? `, ${r.duplicates.length} near-duplicate${r.duplicates.length === 1 ? '' : 's'} flagged` : '';
        const stored = flags.accept ? `; ${r.accepted} stored as coder "suggest" for \`litkit code review\`` : '';
        this.log(`  ${r.above} of ${r.candidates} candidate segments at or above ${threshold}: ${r.suggestions.length} proposed${dup}${stored}`);
        for (const s of r.suggestions) this.log(`  ${s.probability.toFixed(2)}  ${s.citation} [segment ${s.segmentId}]  ${short(s.excerpt)}`);
        for (const d of r.duplicates) this.log(`  dup.  ${d.citation} [segment ${d.segmentId}] repeats segment ${d.duplicateOf}`);
        this.log('');
      }
      return results;
    } finally {
      db.close();
    }
  }

  private fraction(value: string, flag: string): number {
    const x = Number(value);
    if (!(x > 0 && x < 1)) throw new UsageError('E_USAGE', `${flag} must be a number between 0 and 1, got "${value}"`);
    return x;
  }
}
