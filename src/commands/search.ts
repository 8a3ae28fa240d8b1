import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { search, type SearchHit } from '../core/search/index.js';
import { openProject } from '../core/store/index.js';

export default class Search extends LitkitCommand {
  static override description = `Full-text search over the project, ranked by BM25, each hit cited as Title (Year), p. N.
Plain words find segments containing all of them, exact phrases first. FTS5 syntax is accepted as written: "exact phrase", AND, OR, NOT, prefix*, NEAR(a b, 5), parentheses.`;

  static override examples = [
    '<%= config.bin %> search "structural racism"',
    "<%= config.bin %> search 'promot* AND (women OR gender) NOT pilot' --limit 5",
    "<%= config.bin %> search 'NEAR(disability recruitment, 10)' --json",
  ];

  static override args = {
    query: Args.string({ description: 'What to search for.', required: true }),
  };

  static override flags = {
    project: projectFlag,
    limit: Flags.integer({ char: 'n', description: 'Most hits to show.', default: 20, min: 1 }),
  };

  async run(): Promise<SearchHit[]> {
    const { args, flags } = await this.parse(Search);
    const db = openProject(flags.project);
    try {
      const tty = process.stdout.isTTY && !this.jsonEnabled();
      const hits = search(db, args.query, { limit: flags.limit, mark: tty ? ['\x1b[1;33m', '\x1b[0m'] : ['**', '**'] });
      if (hits.length === 0) this.log(`No matches for ${args.query}`);
      hits.forEach((h, i) => this.log(`${i + 1}. ${h.citation} [doc ${h.documentId}, segment ${h.segmentId}]\n   ${h.snippet}\n`));
      return hits;
    } finally {
      db.close();
    }
  }
}
