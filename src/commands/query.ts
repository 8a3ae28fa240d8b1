import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { emitTable, tableFlags, tableFormat } from '../cli/render.js';
import { runQuery, type QueryResult } from '../core/query/index.js';
import { openProject } from '../core/store/index.js';
import { columns } from '../core/tables/index.js';

/** What a terminal table's footer adds to "showing N of M": how to see the rest. */
function note(r: QueryResult): string {
  const shown = r.excerpts.length;
  if (r.total !== null && r.total > shown) return '--limit shows more.';
  if (r.more) return '--count counts every match; --limit shows more.';
  return shown ? `${shown} excerpt${shown === 1 ? '' : 's'} match.` : 'No excerpts match.';
}

export default class Query extends LitkitCommand {
  static override description = `Find coded excerpts with a query, each with its codes, coders and citation.
Language: code ids (race is the code and its sub-codes; employment.* the sub-codes), AND, OR, NOT, parentheses, A NEAR/n B (within n segments of the same document), text:"phrase" (full text), doc.KEY = value (also !=, <, <=, >, >=, and doc.KEY in (a, b); KEY is year, title, format, pages or any --attr key), coder:NAME (inside an AND group: whose codings count), speaker:NAME (transcript turns).
Span operators return A's codings (shown as the segments they start in) that stand so to some coding of B; an operand that is not a code stands for its whole segments. They bind like NEAR:
  A PRECEDES B     A ends before or where B starts, in the same document
  A PRECEDES/n B   and B starts at most n segments after A's segment
  A FOLLOWS B      A starts at or after B's end, in the same document (also /n)
  A ENCLOSES B     A contains B (same page; equal ends allowed)
  A INSIDE B       A lies within B
  A OVERLAPS B     A and B share a character (touching spans do not)
  atleast(k, A, B, …)  segments where k or more of the expressions hold`;

  static override examples = [
    "<%= config.bin %> query 'employment.promotion AND (intersectionality.gender OR race) AND doc.type = policy AND doc.year >= 2018'",
    "<%= config.bin %> query 'intersectionality.disability NEAR/2 employment.recruitment' --format md",
    "<%= config.bin %> query 'racism.structural AND text:\"colonial\"' --context 80",
    "<%= config.bin %> query 'speaker:P4 AND employment.grievance' --format csv --out grievance.csv",
    { description: 'Recruitment, then a grievance within 3 segments', command: "<%= config.bin %> query 'employment.recruitment PRECEDES/3 employment.grievance'" },
    { description: 'Structural racism after a gender coding, in the same document', command: "<%= config.bin %> query 'racism.structural FOLLOWS intersectionality.gender'" },
    { description: 'Race passages that hold a gender coding', command: "<%= config.bin %> query 'race ENCLOSES intersectionality.gender'" },
    { description: "Amina's structural racism codings within her race codings", command: "<%= config.bin %> query 'racism.structural INSIDE race AND coder:amina'" },
    { description: 'Promotion codings that overlap a disability coding', command: "<%= config.bin %> query 'employment.promotion OVERLAPS intersectionality.disability'" },
    { description: 'Segments with at least two of the three codes', command: "<%= config.bin %> query 'atleast(2, race, intersectionality.gender, intersectionality.disability)'" },
  ];

  static override args = { expression: Args.string({ description: 'The query.', required: true }) };

  static override flags = {
    project: projectFlag,
    limit: Flags.integer({ char: 'n', description: 'Most excerpts to return.', default: 50, min: 1 }),
    context: Flags.integer({ description: 'Characters of text before and after each excerpt.', default: 0, min: 0 }),
    count: Flags.boolean({ description: 'Also count every match (slower on very large projects).' }),
    ...tableFlags,
  };

  async run(): Promise<QueryResult> {
    const { args, flags } = await this.parse(Query);
    const db = openProject(flags.project);
    try {
      const result = runQuery(db, args.expression, { limit: flags.limit, context: flags.context, count: flags.count });
      const quote = (e: QueryResult['excerpts'][number]) => `${e.before ? `…${e.before}` : ''}${flags.context ? '[' : ''}${e.text}${flags.context ? ']' : ''}${e.after ? `${e.after}…` : ''}`.replace(/\s+/g, ' ');
      const rows = result.excerpts.map((e) => [e.citation, e.codes.join(' '), e.coders.join(' '), quote(e)]);
      // The hint is for the terminal; a file keeps the table and its "showing N of M" only.
      const notes = !flags.out && tableFormat(flags) === 'table' ? [note(result)] : [];
      const table = { title: args.expression, columns: columns('citation:citation', 'codes', 'coders', 'excerpt:excerpt'), rows, notes, total: result.total ?? undefined, more: result.more };
      await emitTable(this, db, flags, table, { data: result });
      return result;
    } finally {
      db.close();
    }
  }
}
