import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAttributes } from '../../src/core/documents/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { citeInText, disambiguate, documentReferences, locatorOf, type Disambiguation } from '../../src/core/render/index.js';
import { listDocuments, type DocumentInfo } from '../../src/core/documents/index.js';
import { Db } from '../../src/core/store/index.js';
import { HAS_SHARED, SHARED, tempDir } from '../helpers.js';

/**
 * Eleven real documents from ../shared, ingested as a user would, then given only the attributes
 * a user has to set because the file does not say them (each listed with its reason). Every
 * expected reference and citation was written by hand from the document and the APA 7 rules
 * (Publication Manual, 7th ed., ch. 8-10), not copied from litkit's output. APA wants titles in
 * sentence case and prints them as stored: where a file's title is in title case or missing, the
 * user sets it. Locators are the PDF page (or DOCX page) the quoted phrase is on, and for files
 * without pages the paragraph a reader counts (each block between blank lines).
 */
interface Case {
  file: string;
  /** What the user sets with `docs attr`, and why: everything else comes from the file. */
  attrs: Record<string, string>;
  /** A phrase of the quote cited, and the citation it gets. */
  phrase?: string;
  reference: string;
  citation: string;
}

const CASES: Case[] = [
  {
    // The PDF's Title field holds the DOI (Elsevier writes it there): the DOI comes from the file;
    // the journal, volume and pages are printed on page 1 but not in metadata, so the user types them.
    // APA 10.1: journal article; journal title and volume in italics, en dash in page ranges, DOI as https://doi.org/.
    file: 'corpus/pdf/data_structures_level-ancestor-simplified.pdf',
    attrs: { title: 'The level ancestor problem simplified', authors: 'Bender, Michael A.; Farach-Colton, Martín', type: 'article', journal: 'Theoretical Computer Science', volume: '321', pages: '5-12' },
    phrase: 'The Table Algorithm solves the Level Ancestor Problem',
    reference: 'Bender, M. A., & Farach-Colton, M. (2004). The level ancestor problem simplified. *Theoretical Computer Science*, *321*, 5–12. https://doi.org/10.1016/j.tcs.2003.05.002',
    // APA 8.17: two authors joined by "&" in a parenthetical citation.
    citation: '(Bender & Farach-Colton, 2004, p. 3)',
  },
  {
    // An MIT repository cover page: the DOI from its link annotation and "As Published" line, the
    // year from the file. The byline is pasted as printed, in natural order with "and".
    // APA 10.1: journal article with volume(issue); the DOI is preferred to the repository link.
    file: 'corpus/pdf/distributed_systems_oblivious-routing-of-highly-variable-traffic-in-service-overlays-and-ip-backbones.pdf',
    attrs: {
      title: 'Oblivious routing of highly variable traffic in service overlays and IP backbones',
      authors: 'Murali Kodialam, T. V. Lakshman, James B. Orlin, and Sudipta Sengupta',
      type: 'article', journal: 'IEEE/ACM Transactions on Networking', volume: '17', issue: '2', pages: '459-472',
    },
    phrase: 'We develop linear programming formulations and a fast combinatorial algorithm',
    reference: 'Kodialam, M., Lakshman, T. V., Orlin, J. B., & Sengupta, S. (2009). Oblivious routing of highly variable traffic in service overlays and IP backbones. *IEEE/ACM Transactions on Networking*, *17*(2), 459–472. https://doi.org/10.1109/TNET.2008.927257',
    // APA 8.17: three or more authors: the first and "et al." from the first citation on.
    citation: '(Kodialam et al., 2009, p. 3)',
  },
  {
    // The USENIX cover page prints the paper's address alone on a line: the URL and year come from
    // the file; the metadata has no title or authors.
    // APA 10.5 (conference proceedings published as a book): "In *Proceedings* (pp. x–y). Publisher. URL".
    file: 'corpus/pdf/distributed_systems_tiered-replication-a-cost-effective-alternative-to-full-cluster-geo-replication.pdf',
    attrs: {
      title: 'Tiered replication: A cost-effective alternative to full cluster geo-replication',
      authors: 'Asaf Cidon, Robert Escriva, Sachin Katti, Mendel Rosenblum, and Emin Gün Sirer',
      type: 'chapter', book: 'Proceedings of the 2015 USENIX Annual Technical Conference', pages: '31-43', publisher: 'USENIX Association',
    },
    phrase: 'which significantly reduces the correlation in failures',
    reference: 'Cidon, A., Escriva, R., Katti, S., Rosenblum, M., & Sirer, E. G. (2015). Tiered replication: A cost-effective alternative to full cluster geo-replication. In *Proceedings of the 2015 USENIX Annual Technical Conference* (pp. 31–43). USENIX Association. https://www.usenix.org/conference/atc15/technical-session/presentation/cidon',
    citation: '(Cidon et al., 2015, p. 3)',
  },
  {
    // arXiv's stamp is the PDF's Title field: the abstract address and the year of submission (2004,
    // not the 2018 rendering date) come from it, and the address makes it a preprint with arXiv as
    // archive. Title and author are only in the text.
    // APA 10.8 (preprint): title in italics, "[Preprint]", the archive, the URL.
    file: 'corpus/pdf/machine_learning_General-self-similarity--an-overview.pdf',
    attrs: { title: 'General self-similarity: An overview', authors: 'Tom Leinster' },
    phrase: 'Consider a self-similar space X',
    reference: 'Leinster, T. (2004). *General self-similarity: An overview* [Preprint]. arXiv. http://arxiv.org/abs/math/0411343v1',
    citation: '(Leinster, 2004, p. 1)',
  },
  {
    // A web page printed to PDF by Chrome: its address is the Title field (and the print header),
    // its Author the person who printed it. The user sets the real authors, the 1997 date of the
    // paper and the type.
    // APA 10.16 (webpage): title in italics, then the URL; five authors listed, "&" before the last.
    file: 'corpus/pdf/comp_sci_fundamentals_and_history_story-of-squeak-a-practical-smalltalk-written-in-itself.pdf',
    attrs: {
      title: 'Back to the future: The story of Squeak, a practical Smalltalk written in itself',
      authors: 'Dan Ingalls, Ted Kaehler, John Maloney, Scott Wallace, Alan Kay', year: '1997', type: 'webpage',
    },
    phrase: 'Run the compiled interpreter with the new image',
    reference: 'Ingalls, D., Kaehler, T., Maloney, J., Wallace, S., & Kay, A. (1997). *Back to the future: The story of Squeak, a practical Smalltalk written in itself*. http://ftp.squeak.org/docs/OOPSLA.Squeak.html',
    citation: '(Ingalls et al., 1997, p. 3)',
  },
  {
    // The document-info dictionary names the authors as "Diego Ongaro, John Ousterhout; Stanford
    // University": both people come from the file, the affiliation is cut (and a figure's XMP, by
    // "ongardie", no longer wins). The draft is unpublished: the user says so and names the university.
    // APA 10.8 (unpublished manuscript): "*Title* [Unpublished manuscript]. University."
    file: 'corpus/pdf/distributed_systems_in-search-of-an-understandable-consensus-algorithm.pdf',
    attrs: { title: 'In search of an understandable consensus algorithm', genre: 'Unpublished manuscript', publisher: 'Stanford University' },
    phrase: 'It is simpler and more efficient',
    reference: 'Ongaro, D., & Ousterhout, J. (2013). *In search of an understandable consensus algorithm* [Unpublished manuscript]. Stanford University.',
    citation: '(Ongaro & Ousterhout, 2013, p. 3)',
  },
  {
    // The DOCX core properties say "Allison, Timothy B.": one person, family name first. Nothing set.
    // APA 9.8: initials for given names; a work without a publisher ends after the title.
    file: 'corpus/docx/60316.docx',
    attrs: {},
    reference: 'Allison, T. B. (2018). *60316*.',
    citation: '(Allison, 2018)',
  },
  {
    // Two files by the same author (core properties: Nick Burch, 2008) with no title: litkit names
    // them from the file names. Nothing set.
    // APA 9.47: same author and year: a and b after the year, in the order of the titles, in the
    // reference list and in the text alike. Both have a page break, so they are cited by page.
    file: 'corpus/docx/SimpleHeadThreeColFoot.docx',
    attrs: {},
    phrase: 'This is page two',
    reference: 'Burch, N. (2008a). *SimpleHeadThreeColFoot*.',
    citation: '(Burch, 2008a, p. 2)',
  },
  {
    file: 'corpus/docx/ThreeColHeadFoot.docx',
    attrs: {},
    phrase: 'This is page two',
    reference: 'Burch, N. (2008b). *ThreeColHeadFoot*.',
    citation: '(Burch, 2008b, p. 2)',
  },
  {
    // Terms of reference as plain text: no metadata. The user names IOM as author (a body: kept
    // whole), the year of the call (closing date 27 February 2022), a sentence-case title and a description.
    // APA 9.11: group author spelled in full; the publisher is left out when it is the author;
    // 10.4: a description in square brackets after the title. 8.28: paragraph numbers for unpaginated text.
    file: 'seeds/terms-of-reference-data-standards-assessment.txt',
    attrs: { authors: 'International Organization for Migration', year: '2022', title: 'Consultant – General assessment', genre: 'Terms of reference' },
    phrase: 'Established in 1951, IOM is a Related Organization',
    reference: 'International Organization for Migration. (2022). *Consultant – General assessment* [Terms of reference].',
    // The paragraph a reader counts: the title and six "Field: value" lines come before it.
    citation: '(International Organization for Migration, 2022, para. 1)',
  },
  {
    // The other call prints no date a citation could use: it stays undated.
    // APA 9.17: "n.d."; 9.46: an undated work comes before the author's dated ones.
    file: 'seeds/terms-of-reference-race-equality-review.txt',
    attrs: { authors: 'International Organization for Migration', title: 'Consultant – External review of race equality and equity in IOM', genre: 'Terms of reference' },
    phrase: 'Staff members of the International Organization for Migration (IOM) are represented',
    reference: 'International Organization for Migration. (n.d.). *Consultant – External review of race equality and equity in IOM* [Terms of reference].',
    // After three title lines, "Job Description" and the paragraph of fields and IOM's mandate.
    citation: '(International Organization for Migration, n.d., para. 2)',
  },
];

describe.skipIf(!HAS_SHARED)('APA 7 references and citations of eleven real documents', () => {
  let dir: string;
  let db: Db;
  let docs: Map<string, DocumentInfo>;
  let forms: Disambiguation;
  let references: { id: number; reference: string; citation: string }[];

  beforeAll(async () => {
    dir = tempDir();
    db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    const summary = await ingest(db, CASES.map((c) => path.join(SHARED, c.file)), { jobs: 0 });
    expect(summary.stored).toBe(CASES.length);
    const byFile = new Map(listDocuments(db).map((d) => [path.relative(SHARED, d.sourcePath), d.id]));
    for (const c of CASES) if (Object.keys(c.attrs).length) setAttributes(db, [byFile.get(c.file)!], c.attrs);
    const all = listDocuments(db);
    docs = new Map(all.map((d) => [path.relative(SHARED, d.sourcePath), d]));
    forms = disambiguate(all);
    references = await documentReferences(db);
  });
  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES)('$file', (c) => {
    const doc = docs.get(c.file)!;
    expect(references.find((r) => r.id === doc.id)?.reference).toBe(c.reference);
    let where = {};
    if (c.phrase) {
      const rows = db.sql
        .prepare('SELECT d.format, d.page_count, s.page, s.para FROM segments s JOIN documents d ON d.id = s.document_id WHERE s.document_id = ? AND instr(s.text, ?) > 0')
        .all(doc.id, c.phrase) as { format: string; page_count: number; page: number; para: number | null }[];
      expect(rows).toHaveLength(1);
      where = locatorOf(rows[0]!);
    }
    expect(citeInText(doc, where, forms)).toBe(c.citation);
  });

  it('orders the reference list as APA does: by author, undated before dated, a before b', () => {
    expect(references.map((r) => r.reference.slice(0, r.reference.indexOf(')') + 1))).toEqual([
      'Allison, T. B. (2018)',
      'Bender, M. A., & Farach-Colton, M. (2004)',
      'Burch, N. (2008a)',
      'Burch, N. (2008b)',
      'Cidon, A., Escriva, R., Katti, S., Rosenblum, M., & Sirer, E. G. (2015)',
      'Ingalls, D., Kaehler, T., Maloney, J., Wallace, S., & Kay, A. (1997)',
      'International Organization for Migration. (n.d.)',
      'International Organization for Migration. (2022)',
      'Kodialam, M., Lakshman, T. V., Orlin, J. B., & Sengupta, S. (2009)',
      'Leinster, T. (2004)',
      'Ongaro, D., & Ousterhout, J. (2013)',
    ]);
  });

  it('stores the identifiers it found as attributes a user can see and fix', () => {
    expect(docs.get(CASES[0]!.file)!.attributes.doi).toBe('10.1016/j.tcs.2003.05.002');
    expect(docs.get(CASES[1]!.file)!.attributes).toMatchObject({ doi: '10.1109/TNET.2008.927257', url: 'http://hdl.handle.net/1721.1/52466' });
    expect(docs.get(CASES[2]!.file)!.attributes.url).toBe('https://www.usenix.org/conference/atc15/technical-session/presentation/cidon');
    expect(docs.get(CASES[3]!.file)!.attributes.url).toBe('http://arxiv.org/abs/math/0411343v1');
    expect(docs.get(CASES[4]!.file)!.attributes.url).toBe('http://ftp.squeak.org/docs/OOPSLA.Squeak.html');
  });
});
