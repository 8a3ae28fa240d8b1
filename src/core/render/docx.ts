import {
  AlignmentType, Document, HeadingLevel, LevelFormat, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  type ParagraphChild,
} from 'docx';
import { Lexer, type Token, type Tokens } from 'marked';
import { xmlText } from './escape.js';

const HEADINGS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5];

interface Marks {
  bold?: boolean;
  italics?: boolean;
}

/** Inline Markdown (bold, italics, code, links, line breaks) as Word runs. */
function runs(tokens: Token[] | undefined, marks: Marks = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        out.push(...runs((t as Tokens.Strong).tokens, { ...marks, bold: true }));
        break;
      case 'em':
        out.push(...runs((t as Tokens.Em).tokens, { ...marks, italics: true }));
        break;
      case 'codespan':
        out.push(new TextRun({ text: (t as Tokens.Codespan).text, font: 'Consolas', ...marks }));
        break;
      case 'br':
        out.push(new TextRun({ text: '', break: 1 }));
        break;
      case 'link':
        out.push(...runs((t as Tokens.Link).tokens, marks));
        break;
      default: {
        const inner = (t as { tokens?: Token[] }).tokens;
        if (inner?.length) out.push(...runs(inner, marks));
        else out.push(new TextRun({ text: decode((t as { text?: string }).text ?? t.raw), ...marks }));
      }
    }
  }
  return out;
}

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

function table(t: Tokens.Table): Table {
  const row = (cells: Tokens.TableCell[], header: boolean) =>
    new TableRow({
      ...(header ? { tableHeader: true } : {}),
      children: cells.map(
        (c, i) =>
          new TableCell({
            children: [new Paragraph({ children: runs(c.tokens, header ? { bold: true } : {}), alignment: t.align[i] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT })],
          }),
      ),
    });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(t.header, true), ...t.rows.map((r) => row(r, false))] });
}

function blocks(tokens: Token[], quote = false): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'heading': {
        const h = t as Tokens.Heading;
        out.push(new Paragraph({ heading: HEADINGS[Math.min(h.depth, 5)], children: runs(h.tokens) }));
        break;
      }
      case 'paragraph':
        out.push(new Paragraph({ children: runs((t as Tokens.Paragraph).tokens), ...(quote ? { style: 'Quote' } : {}) }));
        break;
      case 'blockquote':
        out.push(...blocks((t as Tokens.Blockquote).tokens, true));
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

/**
 * A Word document from Markdown: real Word headings (# is the title, ## Heading 1 …), tables
 * with a repeated bold header row, quotes in the Quote style, lists, and page breaks at ---.
 */
export async function markdownToDocx(markdown: string, meta: { title: string; creator?: string }): Promise<Buffer> {
  // A control character from a document's text would make word/document.xml invalid XML.
  const doc = new Document({
    title: xmlText(meta.title),
    creator: meta.creator ?? 'litkit',
    styles: {
      default: { document: { run: { font: 'Calibri', size: 22 } } },
      paragraphStyles: [
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', run: { italics: true, color: '404040' }, paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 120, after: 120 } } },
      ],
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
        { reference: 'numbers', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
      ],
    },
    sections: [{ children: blocks(new Lexer({ gfm: true }).lex(xmlText(markdown))) }],
  });
  return Packer.toBuffer(doc);
}
