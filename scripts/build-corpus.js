#!/usr/bin/env node
// Renders the demo corpus's PDF and DOCX files from the plain-text sources in scripts/corpus-src/.
// The sources and the outputs are both committed; run `npm run corpus` after editing a source.
// Output is reproducible: fixed dates in the metadata and in the DOCX zip entries.
//
// Source format: `key: value` header lines (title, author, year, format, folder, header), a line
// `---`, then the body: `# ` and `## ` headings, `- ` bullets, `| a | b |` table rows (the first row
// of a table is its header), `[page]` for a page break, `[^N]` in text for a footnote reference and
// `^N text` lines for the footnote's text. Every other line is one paragraph.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import * as docx from 'docx';
import JSZip from 'jszip';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'scripts', 'corpus-src');
const outDir = path.join(root, 'corpus');
const NOTICE = 'Fictional document written for the litkit demo corpus. Any resemblance to real organisations or people is coincidental.';

function parseSource(text) {
  const [head, ...rest] = text.split(/^---$/m);
  const meta = Object.fromEntries(
    head.trim().split('\n').map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  const blocks = [];
  const notes = {};
  let table = null;
  for (const raw of rest.join('---').split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('|')) table = null;
    if (!line) continue;
    if (line === '[page]') blocks.push({ kind: 'page' });
    else if (line.startsWith('## ')) blocks.push({ kind: 'h2', text: line.slice(3) });
    else if (line.startsWith('# ')) blocks.push({ kind: 'h1', text: line.slice(2) });
    else if (line.startsWith('- ')) blocks.push({ kind: 'bullet', text: line.slice(2) });
    else if (/^\^\d+ /.test(line)) notes[line.slice(1, line.indexOf(' '))] = line.slice(line.indexOf(' ') + 1);
    else if (line.startsWith('|')) {
      const cells = line.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
      if (!table) blocks.push((table = { kind: 'table', rows: [] }));
      table.rows.push(cells);
    } else blocks.push({ kind: 'p', text: line });
  }
  return { meta, blocks, notes };
}

const fixedDate = (year) => new Date(Date.UTC(Number(year), 2, 15, 9, 0, 0));

function renderPdf({ meta, blocks, notes }, file) {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 72, bottom: 72, left: 72, right: 72 },
      bufferPages: true,
      info: { Title: meta.title, Author: meta.author, CreationDate: fixedDate(meta.year), ModDate: fixedDate(meta.year), Producer: 'litkit demo corpus' },
    });
    const out = fs.createWriteStream(file);
    doc.pipe(out);
    const width = doc.page.width - 144;
    doc.font('Helvetica-Oblique').fontSize(8).text(NOTICE, { width });
    doc.moveDown(1);
    if (meta.header) doc.font('Helvetica').fontSize(9).text(meta.header, { width }).moveDown(0.5);
    const noteText = (t) => t.replace(/\[\^(\d+)\]/g, (_m, n) => `[${n}]`);
    for (const b of blocks) {
      if (b.kind === 'page') doc.addPage();
      else if (b.kind === 'h1') doc.moveDown(0.5).font('Helvetica-Bold').fontSize(15).text(b.text, { width }).moveDown(0.4);
      else if (b.kind === 'h2') doc.moveDown(0.4).font('Helvetica-Bold').fontSize(12).text(b.text, { width }).moveDown(0.3);
      else if (b.kind === 'bullet') doc.font('Helvetica').fontSize(10.5).text(`•  ${noteText(b.text)}`, { width, indent: 12 }).moveDown(0.3);
      else if (b.kind === 'table') {
        for (const [i, row] of b.rows.entries()) {
          doc.font(i === 0 ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5).text(row.join('    '), { width }).moveDown(0.2);
        }
        doc.moveDown(0.5);
      } else doc.font('Helvetica').fontSize(10.5).text(noteText(b.text), { width, align: 'justify' }).moveDown(0.6);
    }
    const noteKeys = Object.keys(notes);
    if (noteKeys.length) {
      doc.moveDown(1).font('Helvetica-Bold').fontSize(9).text('Notes', { width });
      for (const k of noteKeys) doc.font('Helvetica').fontSize(9).text(`[${k}] ${notes[k]}`, { width }).moveDown(0.2);
    }
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font('Helvetica').fontSize(8).text(`${meta.title} (fictional)    Page ${i + 1} of ${range.count}`, 72, doc.page.height - 48, { width, align: 'center' });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    out.on('finish', resolve);
    out.on('error', reject);
  });
}

function docxRuns(text) {
  const parts = text.split(/(\[\^\d+\])/);
  return parts.filter(Boolean).map((p) => {
    const m = /^\[\^(\d+)\]$/.exec(p);
    return m ? new docx.FootnoteReferenceRun(Number(m[1])) : new docx.TextRun(p);
  });
}

async function renderDocx({ meta, blocks, notes }, file) {
  const children = [new docx.Paragraph({ children: [new docx.TextRun({ text: NOTICE, italics: true, size: 16 })] })];
  for (const b of blocks) {
    if (b.kind === 'page') children.push(new docx.Paragraph({ children: [new docx.PageBreak()] }));
    else if (b.kind === 'h1') children.push(new docx.Paragraph({ text: b.text, heading: docx.HeadingLevel.HEADING_1 }));
    else if (b.kind === 'h2') children.push(new docx.Paragraph({ text: b.text, heading: docx.HeadingLevel.HEADING_2 }));
    else if (b.kind === 'bullet') children.push(new docx.Paragraph({ children: docxRuns(b.text), bullet: { level: 0 } }));
    else if (b.kind === 'table') {
      children.push(
        new docx.Table({
          width: { size: 100, type: docx.WidthType.PERCENTAGE },
          rows: b.rows.map(
            (row, i) =>
              new docx.TableRow({
                tableHeader: i === 0,
                children: row.map((c) => new docx.TableCell({ children: [new docx.Paragraph({ children: [new docx.TextRun({ text: c, bold: i === 0 })] })] })),
              }),
          ),
        }),
      );
    } else children.push(new docx.Paragraph({ children: docxRuns(b.text) }));
  }
  const footnotes = Object.fromEntries(Object.entries(notes).map(([k, t]) => [k, { children: [new docx.Paragraph(t)] }]));
  const document = new docx.Document({
    creator: meta.author,
    title: meta.title,
    footnotes,
    sections: [
      {
        headers: meta.header ? { default: new docx.Header({ children: [new docx.Paragraph(meta.header)] }) } : undefined,
        children,
      },
    ],
  });
  const buffer = await docx.Packer.toBuffer(document);
  // docx stamps the current time into core.xml and the zip; fix both so the output is reproducible.
  const zip = await JSZip.loadAsync(buffer);
  const stamp = fixedDate(meta.year).toISOString().replace(/\.\d+Z$/, 'Z');
  const core = (await zip.file('docProps/core.xml').async('string')).replace(
    /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g,
    `$1${stamp}$2`,
  );
  zip.file('docProps/core.xml', core);
  const names = Object.keys(zip.files).sort();
  const fixed = new JSZip();
  for (const name of names) {
    if (!zip.files[name].dir) fixed.file(name, await zip.file(name).async('uint8array'), { date: fixedDate(meta.year), createFolders: false });
  }
  fs.writeFileSync(file, await fixed.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

for (const name of fs.readdirSync(srcDir).sort()) {
  if (!name.endsWith('.txt')) continue;
  const source = parseSource(fs.readFileSync(path.join(srcDir, name), 'utf8'));
  const dir = path.join(outDir, source.meta.folder);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${path.basename(name, '.txt')}.${source.meta.format}`);
  if (source.meta.format === 'pdf') await renderPdf(source, file);
  else if (source.meta.format === 'docx') await renderDocx(source, file);
  else throw new Error(`${name}: format must be pdf or docx`);
  console.log(`wrote ${path.relative(root, file)}`);
}
