import {
  AlignmentType, Document, Footer, HeadingLevel, HighlightColor, ImageRun, LevelFormat, Packer, PageBreak, PageNumber, Paragraph, Table, TableCell,
  TableOfContents, TableRow, TextRun, WidthType, type ParagraphChild,
} from 'docx';
import { Lexer, type Token, type Tokens } from 'marked';
import { xmlText } from './escape.js';
import type { Figure } from './figures.js';

const HEADINGS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5];

interface Marks {
  bold?: boolean;
  italics?: boolean;
}

/** What a paragraph's text has opened so far: a [placeholder], a “quotation”. */
interface Flow {
  placeholder: boolean;
  quoted: number;
  /** A reference list: its square brackets are APA descriptions ([Preprint], [Data set]), not placeholders. */
  literal?: boolean;
}

/** Options of a Word report. */
export interface DocxMeta {
  title: string;
  creator?: string;
  /** A report's front matter: a title page with these lines and a table of contents. Without it (a table export) the document starts with its first heading. */
  cover?: { client: string | null; assignment: string | null; date: string };
  /** Figures by name, referred to in the Markdown as `![Caption](litkit:NAME)`. */
  figures?: Record<string, Figure>;
}

/**
 * Text as runs, with the drafter's placeholders ("[to be completed]") highlighted. Square
 * brackets inside a “quotation” are the source's or an editor's ([…], [sic]), not placeholders.
 */
function textRuns(text: string, marks: Marks, flow: Flow): TextRun[] {
  const out: TextRun[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push(new TextRun({ text: buf, ...marks, ...(flow.placeholder ? { highlight: HighlightColor.YELLOW } : {}) }));
    buf = '';
  };
  for (const ch of text) {
    if (ch === '“') flow.quoted++;
    if (ch === '”') flow.quoted = Math.max(0, flow.quoted - 1);
    if (ch === '[' && !flow.placeholder && !flow.quoted && !flow.literal) {
      flush();
      flow.placeholder = true;
    }
    buf += ch === SOURCE_OPEN ? '[' : ch === SOURCE_CLOSE ? ']' : ch;
    if (ch === ']' && flow.placeholder) {
      flush();
      flow.placeholder = false;
    }
  }
  flush();
  return out;
}

// Brackets the Markdown escaped (`\[`) are the source's own, from document text: they stand in
// these private-use characters while runs are built, so they never open a placeholder.
const SOURCE_OPEN = '\uE000';
const SOURCE_CLOSE = '\uE001';

/**
 * Plain text and escaped characters joined into one text token per stretch, so that a template's
 * "[Describe … {{value}} …]" is one placeholder however many characters the value escaped.
 */
function joinText(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const plain = t.type === 'escape' || (t.type === 'text' && !(t as { tokens?: Token[] }).tokens?.length);
    if (!plain) {
      out.push(t);
      continue;
    }
    const text = t.type === 'escape' ? (t as Tokens.Escape).text.replace('[', SOURCE_OPEN).replace(']', SOURCE_CLOSE) : (t as Tokens.Text).text;
    const last = out.at(-1);
    if (last?.type === 'text' && (last as { joined?: boolean }).joined) (last as Tokens.Text).text += text;
    else out.push({ type: 'text', raw: text, text, joined: true } as Tokens.Text & { joined: boolean });
  }
  return out;
}

/** Inline Markdown (bold, italics, code, links, line breaks) as Word runs. */
function runs(tokens: Token[] | undefined, marks: Marks = {}, flow: Flow = { placeholder: false, quoted: 0 }): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const t of joinText(tokens ?? [])) {
    switch (t.type) {
      case 'strong':
        out.push(...runs((t as Tokens.Strong).tokens, { ...marks, bold: true }, flow));
        break;
      case 'em':
        out.push(...runs((t as Tokens.Em).tokens, { ...marks, italics: true }, flow));
        break;
      case 'codespan':
        out.push(new TextRun({ text: decode((t as Tokens.Codespan).text), font: 'Consolas', ...marks }));
        break;
      case 'br':
        out.push(new TextRun({ text: '', break: 1 }));
        break;
      case 'link':
        out.push(...runs((t as Tokens.Link).tokens, marks, flow));
        break;
      default: {
        const inner = (t as { tokens?: Token[] }).tokens;
        if (inner?.length) out.push(...runs(inner, marks, flow));
        else out.push(...textRuns(decode((t as { text?: string }).text ?? t.raw), marks, flow));
      }
    }
  }
  return out;
}

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** A table whose header row repeats on every page and whose rows do not break across pages. */
function table(t: Tokens.Table): Table {
  const row = (cells: Tokens.TableCell[], header: boolean) =>
    new TableRow({
      ...(header ? { tableHeader: true } : {}),
      cantSplit: true,
      children: cells.map(
        (c, i) =>
          new TableCell({
            children: [new Paragraph({ children: runs(c.tokens, header ? { bold: true } : {}), alignment: t.align[i] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT })],
          }),
      ),
    });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(t.header, true), ...t.rows.map((r) => row(r, false))] });
}

// A page's text width (A4 or Letter less 1-inch margins), in pixels at 96 dpi.
const TEXT_WIDTH_PX = 600;

/** A figure paragraph and its caption; a highlighted placeholder when the figure cannot be drawn. */
function figure(image: Tokens.Image, figures: Record<string, Figure>): Paragraph[] {
  const name = image.href.replace(/^litkit:/, '');
  const f = figures[name];
  const caption = new Paragraph({ style: 'Caption', alignment: AlignmentType.CENTER, children: textRuns(image.text, {}, { placeholder: false, quoted: 0 }) });
  const missing = !f ? 'not available for this project' : !f.png ? 'litkit could not draw it on this machine; insert the SVG here' : null;
  if (missing || !f?.png) return [new Paragraph({ children: textRuns(`[Figure: ${image.text} — ${missing}]`, {}, { placeholder: false, quoted: 0 }) })];
  const scale = Math.min(1, TEXT_WIDTH_PX / f.width);
  const transformation = { width: Math.round(f.width * scale), height: Math.round(f.height * scale) };
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [new ImageRun({ type: 'svg', data: Buffer.from(f.svg), fallback: { type: 'png', data: f.png }, transformation, altText: { name, title: image.text, description: image.text } })],
    }),
    caption,
  ];
}

/** Headings of a reference list, whose entries get APA's hanging indent and no placeholder marks. */
const REFERENCE_HEADING = /^(references|reference list|bibliography)$/i;

function blocks(tokens: Token[], figures: Record<string, Figure>, quote = false): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let references = false;
  for (const t of tokens) {
    switch (t.type) {
      case 'heading': {
        const h = t as Tokens.Heading;
        references = REFERENCE_HEADING.test(h.text.trim());
        out.push(new Paragraph({ heading: HEADINGS[Math.min(h.depth, 5)], children: runs(h.tokens) }));
        break;
      }
      case 'paragraph': {
        const inline = (t as Tokens.Paragraph).tokens;
        const only = inline.filter((x) => x.type !== 'text' || (x as Tokens.Text).text.trim());
        if (only.length === 1 && only[0]!.type === 'image' && (only[0] as Tokens.Image).href.startsWith('litkit:')) out.push(...figure(only[0] as Tokens.Image, figures));
        else if (references) out.push(new Paragraph({ children: runs(inline, {}, { placeholder: false, quoted: 0, literal: true }), indent: { left: 720, hanging: 720 } }));
        else out.push(new Paragraph({ children: runs(inline), ...(quote ? { style: 'Quote' } : {}) }));
        break;
      }
      case 'blockquote':
        out.push(...blocks((t as Tokens.Blockquote).tokens, figures, true));
        break;
      case 'list': {
        const l = t as Tokens.List;
        for (const item of l.items) {
          const inline = item.tokens.flatMap((x) => (x.type === 'text' || x.type === 'paragraph' ? ((x as Tokens.Text).tokens ?? [x]) : []));
          out.push(new Paragraph({ children: runs(inline), numbering: { reference: l.ordered ? 'numbers' : 'bullets', level: 0 } }));
        }
        break;
      }
      case 'table':
        out.push(table(t as Tokens.Table), new Paragraph({ children: [] }));
        break;
      case 'hr':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
      case 'code':
        out.push(new Paragraph({ children: [new TextRun({ text: (t as Tokens.Code).text, font: 'Consolas' })] }));
        break;
      default:
        break;
    }
  }
  return out;
}

/** The title page: title, assignment, who it is for, the date; placeholders where they are unknown. */
function titlePage(meta: DocxMeta): Paragraph[] {
  const line = (text: string, size: 24 | 28, before = 240) =>
    new Paragraph({ style: `Cover${size}`, alignment: AlignmentType.CENTER, spacing: { before }, children: textRuns(text, {}, { placeholder: false, quoted: 0 }) });
  const cover = meta.cover;
  return [
    new Paragraph({ spacing: { before: 2400 }, alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [new TextRun(meta.title)] }),
    line(cover?.assignment ?? '[Assignment]', 28, 480),
    line(`Prepared for ${cover?.client ?? '[Client]'}`, 24, 960),
    line(cover?.date ?? '[Date]', 24),
    line('Draft', 24, 1440),
  ];
}

/**
 * A Word document from Markdown: for a report (`meta.cover`), a title page and a table of
 * contents (a field Word fills when the file is opened; the Markdown's first # heading becomes
 * the title page's); page numbers in the footer; real Word headings (## is Heading 1 …); tables
 * with a bold header row repeated on every page; quotes in the Quote style; the drafter's
 * [placeholders] highlighted; lists; page breaks at ---; and figures (`![Caption](litkit:NAME)`)
 * as SVG with a PNG fallback.
 */
export async function markdownToDocx(markdown: string, given: DocxMeta): Promise<Buffer> {
  // A control character from a document's text or title would make word/document.xml invalid XML.
  const cover = given.cover && { client: given.cover.client && xmlText(given.cover.client), assignment: given.cover.assignment && xmlText(given.cover.assignment), date: xmlText(given.cover.date) };
  const meta: DocxMeta = { ...given, title: xmlText(given.title), cover };
  const tokens = new Lexer({ gfm: true }).lex(xmlText(markdown));
  const first = tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).depth === 1);
  if (meta.cover && first >= 0) tokens.splice(first, 1);
  const body = blocks(tokens, meta.figures ?? {});
  const front = meta.cover
    ? [new Paragraph({ style: 'ContentsHeading', children: [new TextRun('Contents')] }), new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-3' }), new Paragraph({ children: [new PageBreak()] })]
    : [];
  const footer = new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES_IN_SECTION], size: 18 })] })],
  });
  const doc = new Document({
    title: meta.title,
    creator: meta.creator ?? 'litkit',
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: 'Calibri', size: 22 } } },
      paragraphStyles: [
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', run: { italics: true, color: '404040' }, paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 120, after: 120 } } },
        { id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', run: { italics: true, size: 18 }, paragraph: { spacing: { before: 60, after: 240 } } },
        { id: 'Cover28', name: 'Cover subtitle', basedOn: 'Normal', run: { size: 28, color: '404040' } },
        { id: 'Cover24', name: 'Cover line', basedOn: 'Normal', run: { size: 24 } },
        { id: 'ContentsHeading', name: 'Contents heading', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: 32 }, paragraph: { spacing: { after: 240 } } },
      ],
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
        { reference: 'numbers', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
      ],
    },
    sections: [
      ...(meta.cover ? [{ children: titlePage(meta) }] : []),
      { properties: { page: { pageNumbers: { start: 1 } } }, footers: { default: footer }, children: [...front, ...body] },
    ],
  });
  return Packer.toBuffer(doc);
}
