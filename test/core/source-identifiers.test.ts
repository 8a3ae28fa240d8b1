import fs from 'node:fs';
import path from 'node:path';
import * as docx from 'docx';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument, listDocuments, setAttributes, type DocumentInfo } from '../../src/core/documents/index.js';
import { documentPacket, xmpPackets } from '../../src/core/ingest/extractors/xmp.js';
import { identifiersInText } from '../../src/core/text/identifiers.js';
import { ingest } from '../../src/core/ingest/index.js';
import { Db } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';

describe('DOIs and source addresses in the first lines of a document', () => {
  it('takes a labelled address, a doi: or doi.org DOI, and an address alone on its line', () => {
    expect(identifiersInText('Annual report 2023\nSource: https://www.iom.int/reports/annual-2023.pdf.\n\nIntroduction')).toEqual({ url: 'https://www.iom.int/reports/annual-2023.pdf' });
    expect(identifiersInText('A study of things\nJournal of Stuff 3 (2020) 1-9. doi:10.1000/xyz123.\nAbstract')).toEqual({ doi: '10.1000/xyz123' });
    expect(identifiersInText('Title\nhttps://doi.org/10.1016/0002-9343(93)90235-6\nAbstract')).toEqual({ doi: '10.1016/0002-9343(93)90235-6' });
    expect(identifiersInText('Proceedings of X\nhttps://www.usenix.org/conference/atc15/presentation/cidon\nTiered replication')).toEqual({
      url: 'https://www.usenix.org/conference/atc15/presentation/cidon',
    });
    // A browser's print header: date, address, page counter.
    expect(identifiersInText('5/29/13 http://ftp.squeak.org/docs/OOPSLA.Squeak.html\nBack to the Future')).toEqual({ url: 'http://ftp.squeak.org/docs/OOPSLA.Squeak.html' });
    expect(identifiersInText('arXiv:math/0411343v1 [math.DS] 15 Nov 2004\nGeneral self-similarity')).toEqual({ url: 'https://arxiv.org/abs/math/0411343v1' });
  });

  it('leaves addresses inside sentences alone: they are more often references than the document', () => {
    expect(identifiersInText('We use the data of the portal at https://data.example.org/x in section 2.\nMore text')).toEqual({});
    // A sentence wrapped so that the address sits alone on a line (Signal/Collect, page 1).
    expect(identifiersInText('We released the framework under the Apache License 2.0 (at\nhttp://www.ifi.uzh.ch/ddis/research/sc).\n1 Introduction')).toEqual({});
    // Only the head of the first page counts.
    expect(identifiersInText(`${'line\n'.repeat(60)}Source: https://late.example.org/`)).toEqual({});
  });
});

describe('the XMP packet of the document, not of a figure in it', () => {
  const packet = (title: string, creator: string, producer: string) =>
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Producer='${producer}'/>` +
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/"><dc:title><rdf:Alt><rdf:li>${title}</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>${creator}</rdf:li></rdf:Seq></dc:creator>` +
    `<prism:doi>10.1234/paper.5</prism:doi><prism:publicationName>Journal of Tests</prism:publicationName><prism:volume>7</prism:volume><prism:startingPage>11</prism:startingPage><prism:endingPage>19</prism:endingPage></rdf:Description></rdf:RDF></x:xmpmeta>`;
  const file = Buffer.from(`%PDF-1.5\n${packet('timeoutcdf.eps', 'ongardie', 'GPL Ghostscript 9.05')}\nstream\n${packet('Consensus made simple', 'Jane Smith', 'pdfTeX-1.40')}\n%%EOF`);

  it('picks the packet written by the tool the info dictionary names, with its journal, volume, pages and DOI', () => {
    const chosen = documentPacket(xmpPackets(file), { producer: 'pdfTeX-1.40' });
    expect(chosen?.meta).toEqual({
      title: 'Consensus made simple',
      authors: 'Jane Smith',
      year: undefined,
      source: { doi: '10.1234/paper.5', journal: 'Journal of Tests', volume: '7', pages: '11-19' },
    });
  });

  it('trusts no unmatched packet when the info dictionary has a title or author of its own', () => {
    expect(documentPacket(xmpPackets(file), { producer: 'Other', title: 'In Search of an Understandable Consensus Algorithm' })).toBeUndefined();
  });
});

/** A PDF of one page with these info entries, lines of text and link annotations. */
function pdf(file: string, info: Record<string, string>, lines: string[], link?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ info });
    const out = fs.createWriteStream(file);
    doc.pipe(out);
    for (const line of lines) doc.text(line);
    if (link) doc.text('Full text at the publisher', { link });
    doc.end();
    out.on('finish', () => resolve());
    out.on('error', reject);
  });
}

/** A DOCX whose core properties carry `identifier`. */
async function docxWithIdentifier(file: string, identifier: string): Promise<void> {
  const document = new docx.Document({ creator: 'World Health Organization', title: 'Guidance on data', sections: [{ children: [new docx.Paragraph('Body text of the guidance.')] }] });
  const zip = await JSZip.loadAsync(await docx.Packer.toBuffer(document));
  const core = (await zip.file('docProps/core.xml')!.async('string')).replace('</cp:coreProperties>', `<dc:identifier>${identifier}</dc:identifier></cp:coreProperties>`);
  zip.file('docProps/core.xml', core);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
}

describe('identifiers and containers found at ingest, stored as document attributes', () => {
  let dir: string;
  let db: Db;
  let byName: Map<string, DocumentInfo>;

  beforeAll(async () => {
    dir = tempDir();
    const f = (name: string) => path.join(dir, 'in', name);
    fs.mkdirSync(path.join(dir, 'in'));
    fs.writeFileSync(
      f('article.html'),
      `<html><head><title>x</title><meta name="citation_title" content="Migration data in practice"><meta name="citation_author" content="Smith, Jane">
      <meta name="citation_doi" content="10.5555/mig.2021.3"><meta name="citation_journal_title" content="Journal of Migration Data">
      <meta name="citation_volume" content="12"><meta name="citation_issue" content="3"><meta name="citation_firstpage" content="45"><meta name="citation_lastpage" content="67">
      <meta name="citation_publisher" content="Example Press"><meta property="og:url" content="https://example.org/og">
      <link rel="canonical" href="https://journal.example.org/articles/3"></head><body><p>Body text.</p></body></html>`,
    );
    fs.writeFileSync(
      f('news.html'),
      `<html><head><title>Staff news</title><meta name="author" content="UN Today"><meta property="og:site_name" content="UN Today">
      <meta property="og:url" content="https://untoday.org/news/staff"></head><body><article><p>Body text of the news.</p></article></body></html>`,
    );
    fs.writeFileSync(
      f('repository.html'),
      `<html><head><title>Working paper</title><meta name="dc.identifier" content="doi:10.5555/wp.77"><meta name="citation_pdf_url" content="https://repo.example.org/wp77.pdf"></head><body><p>Text.</p></body></html>`,
    );
    await docxWithIdentifier(f('guidance.docx'), 'https://doi.org/10.5555/who.guid');
    await pdf(f('subject.pdf'), { Title: 'A study', Subject: 'Journal of Stuff 3 (2020) 1-9. doi:10.1000/xyz123' }, ['A study of stuff', 'Body text of the study.']);
    await pdf(f('linked.pdf'), { Title: 'Linked' }, ['A linked study', 'Body text.'], 'https://doi.org/10.1000/linked.7');
    await pdf(f('cover.pdf'), { Title: 'Cover' }, ['Annual report 2023', 'Source: https://www.iom.int/reports/annual-2023', 'Body text.']);
    fs.writeFileSync(f('notes.md'), '---\ntitle: Field notes\ndoi: https://doi.org/10.5555/notes.1\nsource: https://example.org/notes\n---\n\n# Field notes\n\nBody text.\n');
    fs.writeFileSync(f('brief.txt'), 'Policy brief on data\n\nAvailable at: https://example.org/brief.pdf\n\nBody text of the brief.\n');
    fs.writeFileSync(f('plain.txt'), 'A note\n\nSee https://example.org/elsewhere for more, as we said.\n');
    fs.writeFileSync(f('fixme.txt'), 'A note to fix\n\nIts source is known to the user only.\n');
    db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    const summary = await ingest(db, [path.join(dir, 'in')], { jobs: 0, attributes: { type: 'report' } });
    expect(summary.failed).toBe(0);
    byName = new Map(listDocuments(db).map((d) => [path.basename(d.sourcePath), d]));
  });
  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const attrs = (name: string) => byName.get(name)!.attributes;

  it('reads scholarly HTML meta tags: DOI, canonical address, journal, volume, issue, pages, publisher', () => {
    expect(attrs('article.html')).toEqual({
      type: 'report', doi: '10.5555/mig.2021.3', url: 'https://journal.example.org/articles/3', journal: 'Journal of Migration Data',
      volume: '12', issue: '3', pages: '45-67', publisher: 'Example Press',
    });
  });

  it('reads a news page’s Open Graph address and site name, and a repository’s Dublin Core DOI and PDF address', () => {
    expect(attrs('news.html')).toEqual({ type: 'report', url: 'https://untoday.org/news/staff', site: 'UN Today' });
    expect(attrs('repository.html')).toEqual({ type: 'report', doi: '10.5555/wp.77', url: 'https://repo.example.org/wp77.pdf' });
  });

  it('reads a DOCX core-properties identifier, a PDF Subject’s DOI and a DOI link annotation', () => {
    expect(attrs('guidance.docx').doi).toBe('10.5555/who.guid');
    expect(attrs('subject.pdf').doi).toBe('10.1000/xyz123');
    expect(attrs('linked.pdf').doi).toBe('10.1000/linked.7');
  });

  it('reads front matter and first lines, and leaves an address inside a sentence alone', () => {
    expect(attrs('notes.md')).toMatchObject({ doi: '10.5555/notes.1', url: 'https://example.org/notes' });
    expect(attrs('cover.pdf').url).toBe('https://www.iom.int/reports/annual-2023');
    expect(attrs('brief.txt').url).toBe('https://example.org/brief.pdf');
    expect(attrs('plain.txt')).toEqual({ type: 'report' });
  });

  it('lets a user fix them with docs attr: a DOI is stored bare, a malformed one refused before any write', () => {
    const id = byName.get('fixme.txt')!.id;
    setAttributes(db, [id], { doi: 'https://doi.org/10.5555/Fixed.9', url: 'https://example.org/fixed' });
    expect(getDocument(db, id).attributes).toMatchObject({ doi: '10.5555/Fixed.9', url: 'https://example.org/fixed' });
    expect(() => setAttributes(db, [id], { doi: 'see the website', title: 'Changed' })).toThrow(/doi must be a DOI such as 10\.1234\/abc/);
    expect(() => setAttributes(db, [id], { url: 'www.example.org' })).toThrow(/url must be an http\(s\) address/);
    expect(getDocument(db, id).title).not.toBe('Changed');
  });
});
