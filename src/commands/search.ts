import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { emitTable, tableFlags, tableFormat } from '../cli/render.js';
import { stripControls } from '../core/render/escape.js';
import { search, searchTotal, type SearchHit } from '../core/search/index.js';
import { openProject } from '../core/store/index.js';
import { columns, showing } from '../core/tables/index.js';

const OPEN = '\u0001';
const CLOSE = '\u0002';

/** The marked hits in bold yellow, everything else free of control characters. */
const highlight = (text: string) =>
  text
    .split(OPEN)
    .map((part) => part.split(CLOSE).map(stripControls).join('\x1b[0m'))
    .join('\x1b[1;33m');

export default class Search extends LitkitCommand {
  static override description = `Full-text search over the project, ranked by BM25, each hit cited as Title (Year), p. N.
Plain words find segments containing all of them, exact phrases first. FTS5 syntax is accepted as written: "exact phrase", AND, OR, NOT, prefix*, NEAR(a b, 5), parentheses.`;

  static override examples = [
    '<%= config.bin %> search "structural racism"',
    "<%= config.bin %> search 'promot* AND (women OR gender) NOT pilot' --limit 5",
    "<%= config.bin %> search 'NEAR(disability recruitment, 10)' --json",
    '<%= config.bin %> search retaliation --limit 200 --out retaliation.csv',
  ];

  static override args = {
    query: Args.string({ description: 'What to search for.', required: true }),
  };

  static override flags = {
    project: projectFlag,
    limit: Flags.integer({ char: 'n', description: 'Most hits to show.', default: 20, min: 1 }),
    ...tableFlags,
  };

  async run(): Promise<SearchHit[]> {
    const { args, flags } = await this.parse(Search);
    const db = openProject(flags.project);
    try {
      const listing = flags.out !== undefined || tableFormat(flags) !== 'table';
      const tty = process.stdout.isTTY && !this.jsonEnabled() && !listing;
      // On a terminal, hits are marked with two control characters that stored text never holds
      // (ingest drops them), so the snippet can be cleaned before they become colour codes.
      const hits = search(db, args.query, { limit: flags.limit, mark: tty ? [OPEN, CLOSE] : listing ? ['', ''] : ['**', '**'] });
      const total = hits.length < flags.limit ? hits.length : searchTotal(db, args.query);
      const table = { title: `Search: ${args.query}`, columns: columns('rank:number', 'citation:citation', 'document:id', 'segment:id', 'snippet:excerpt'), rows: hits.map((h, i) => [i + 1, h.citation, h.documentId, h.segmentId, h.snippet]), total };
      if (listing) {
        await emitTable(this, db, flags, table, { data: hits });
        return hits;
      }
      if (hits.length === 0) this.log(`No matches for ${args.query}`);
      for (const [i, h] of hits.entries()) {
        const line = `${i + 1}. ${h.citation} [doc ${h.documentId}, segment ${h.segmentId}]\n   ${h.snippet}\n`;
        if (tty) process.stdout.write(`${highlight(line)}\n`);
        else this.log(line);
      }
      const capped = showing(table);
      if (capped) this.log(`${capped} (--limit shows more)`);
      return hits;
    } finally {
      db.close();
    }
  }
}
