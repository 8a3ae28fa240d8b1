import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { terminalWidth } from '../../cli/render.js';
import { columns, toTerminal } from '../../core/tables/index.js';
import {
  citeDocument, getDocument, getPage, listSegments, pageLengths, parseKinds, segmentKindCounts, SEGMENT_KINDS,
  type DocumentInfo, type SegmentInfo, type SegmentKind,
} from '../../core/documents/index.js';
import { openProject } from '../../core/store/index.js';

type Shown = DocumentInfo & { kinds: Partial<Record<SegmentKind, number>>; page?: { number: number; text: string }; segmentList?: SegmentInfo[] };

export default class DocsShow extends LitkitCommand {
  static override description = `Show a document's metadata and attributes, the stored text of one page, or its segments.
--segments lists each segment with its kind (heading, body, list, table, caption, reference, boilerplate) and the paragraph number a reader counts (para), which citations use for formats without pages.`;

  static override examples = [
    '<%= config.bin %> docs show 3',
    '<%= config.bin %> docs show 3 --page 2',
    '<%= config.bin %> docs show 3 --segments',
    '<%= config.bin %> docs show 3 --segments --kind heading,boilerplate',
  ];

  static override args = {
    id: Args.integer({ description: 'Document id (see `litkit docs list`).', required: true }),
  };

  static override flags = {
    project: projectFlag,
    page: Flags.integer({ description: 'Print the stored text of this page (with --segments: only its segments).', min: 1 }),
    segments: Flags.boolean({ description: 'List the segments: seq, page, para, kind and text.' }),
    kind: Flags.string({ description: `With --segments, only these kinds (comma list of ${SEGMENT_KINDS.join(', ')}).`, dependsOn: ['segments'], helpValue: 'KINDS' }),
  };

  async run(): Promise<Shown> {
    const { args, flags } = await this.parse(DocsShow);
    const kinds = flags.kind ? parseKinds(flags.kind) : undefined;
    const db = openProject(flags.project);
    try {
      const doc: Shown = { ...getDocument(db, args.id), kinds: segmentKindCounts(db, args.id) };
      if (flags.segments) {
        if (flags.page) getPage(db, args.id, flags.page);
        const list = listSegments(db, args.id, { page: flags.page, kinds });
        // Transcripts and surveys also say who: the speaker and time, the respondent and question.
        const who = list.some((s) => s.who);
        const rows = list.map((s) => [s.seq, s.page, s.para ?? '', s.kind, ...(who ? [s.who ?? ''] : []), s.text]);
        const cols = columns('seq:id', 'page:number', 'para:number', 'kind', ...(who ? ['who'] : []), 'text:excerpt');
        this.log(list.length ? toTerminal({ columns: cols, rows }, terminalWidth()) : 'No segments.');
        return { ...doc, segmentList: list };
      }
      if (flags.page) {
        const text = getPage(db, args.id, flags.page);
        this.log(`${citeDocument(doc)}, p. ${flags.page} of ${doc.pages}\n\n${text}`);
        return { ...doc, page: { number: flags.page, text } };
      }
      const byKind = Object.entries(doc.kinds).map(([k, n]) => `${k} ${n}`).join(', ');
      const fields: [string, unknown][] = [
        ['id', doc.id], ['title', doc.title], ['authors', doc.authors], ['year', doc.year], ['format', doc.format],
        ['pages', doc.pages], ['segments', byKind ? `${doc.segments} (${byKind})` : doc.segments], ['status', doc.status], ['note', doc.note],
        ['engine', doc.engine], ['source', doc.sourcePath], ['bytes', doc.bytes], ['sha256', doc.sha256], ['added', doc.addedAt],
      ];
      for (const [k, v] of Object.entries(doc.attributes)) fields.push([`attr ${k}`, v]);
      this.log(fields.filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k.padEnd(10)} ${v}`).join('\n'));
      const lengths = pageLengths(db, args.id);
      this.log(`pages      ${lengths.map((p) => `${p.page}:${p.chars}`).join(' ')} (characters per page)`);
      return doc;
    } finally {
      db.close();
    }
  }
}
