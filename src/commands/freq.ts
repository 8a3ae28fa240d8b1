import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { emitTable, tableFlags } from '../cli/render.js';
import { frequencies, type FreqResult } from '../core/query/index.js';
import { openProject } from '../core/store/index.js';
import { columns } from '../core/tables/index.js';

export default class Freq extends LitkitCommand {
  static override description = 'Word or n-gram frequencies over the project or within a code or query; numbers and the stop words of each document\'s language (its language attribute, else detected; en, fr, es and more, from stopwords-iso) left out.';

  static override examples = ['<%= config.bin %> freq', '<%= config.bin %> freq --code employment.promotion --ngram 2', "<%= config.bin %> freq --where 'doc.type = transcript' --stem --out words.xlsx"];

  static override flags = {
    project: projectFlag,
    code: Flags.string({ description: 'Only segments coded with this code (and its sub-codes).', exclusive: ['where'] }),
    where: Flags.string({ description: 'Only segments selected by this query.' }),
    ngram: Flags.integer({ description: 'Words per item (2 for bigrams).', default: 1, min: 1, max: 5 }),
    stem: Flags.boolean({ description: 'Count word forms together by stem.' }),
    limit: Flags.integer({ char: 'n', description: 'Most items.', default: 30, min: 1 }),
    'keep-stopwords': Flags.boolean({ description: 'Count stop words too (by default each document\'s language list, from stopwords-iso, is left out).' }),
    ...tableFlags,
  };

  async run(): Promise<FreqResult> {
    const { flags } = await this.parse(Freq);
    const db = openProject(flags.project);
    try {
      // Every item is counted anyway; asking for all of them gives the total for "showing N of M".
      const all = frequencies(db, { where: flags.code ?? flags.where, ngram: flags.ngram, stem: flags.stem, limit: Number.MAX_SAFE_INTEGER, keepStopwords: flags['keep-stopwords'] });
      const r: FreqResult = { segments: all.segments, languages: all.languages, terms: all.terms.slice(0, flags.limit) };
      const cols = columns(flags.ngram > 1 ? `${flags.ngram}-gram` : 'word', 'count:number', 'documents:number');
      await emitTable(this, db, flags, { title: 'Frequencies', columns: cols, rows: r.terms.map((t) => [t.term, t.count, t.documents]), total: all.terms.length }, { data: r });
      return r;
    } finally {
      db.close();
    }
  }
}
