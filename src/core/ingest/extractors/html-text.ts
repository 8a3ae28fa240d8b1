import { Parser } from 'htmlparser2';
import { DomHandler, type AnyNode, type Document, type Element } from 'domhandler';
import { InputError } from '../../../errors.js';
import { DEFAULT_LIMITS } from '../../store/limits.js';
import type { SegmentKind } from '../../documents/kinds.js';

/** Elements whose content is never document text: code, styling, navigation and page chrome. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'nav', 'aside', 'form', 'button',
  'select', 'svg', 'canvas', 'iframe', 'object', 'head', 'menu', 'dialog',
]);

/** Page chrome when the content is the whole body; part of the text inside `<main>` or `<article>`. */
const CHROME = new Set(['header', 'footer']);

interface WalkOptions {
  pageBreaks: boolean;
  dropChrome: boolean;
}

const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tfoot', 'caption', 'figure',
  'figcaption', 'address', 'details', 'summary', 'body', 'html',
]);

const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

/** Markup that says what its content is; other elements pass on what their parent said. */
function kindOf(el: Element, inherited: SegmentKind | undefined): SegmentKind | undefined {
  const name = el.name.toLowerCase();
  if (/^h[1-6]$/.test(name)) return 'heading';
  if (name === 'caption' || name === 'figcaption') return 'caption';
  if (name === 'li') {
    // mammoth writes notes as list items (`footnote-1`); a note is not a list item, and its text
    // says itself whether it is a reference.
    return /^(foot|end)note-/.test(el.attribs.id ?? '') ? undefined : 'list';
  }
  return inherited;
}

/**
 * Accumulates text as paragraphs (separated by a blank line) and pages (split at `<hr>` when
 * asked), with the kind the markup gives each blank-line-separated block.
 */
class PagedText {
  readonly pages: string[] = [];
  readonly kinds: (SegmentKind | undefined)[][] = [];
  private paragraphs: string[] = [];
  private paragraphKinds: (SegmentKind | undefined)[] = [];
  private current = '';
  private currentKind: SegmentKind | undefined;
  private kindSet = false;

  add(text: string, kind?: SegmentKind): void {
    this.current += text;
    // A paragraph is what its first words are marked as.
    if (!this.kindSet && text.trim()) {
      this.currentKind = kind;
      this.kindSet = true;
    }
  }

  newLine(): void {
    this.current = this.current.replace(/[ ]+$/, '') + '\n';
  }

  endParagraph(): void {
    const p = this.current.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/[ \t]+/g, ' ').trim();
    if (p) {
      this.paragraphs.push(p);
      // Two <br> in a row make a blank line, which the segmenter reads as two blocks.
      for (let i = p.split(/\n\n/).length; i > 0; i--) this.paragraphKinds.push(this.currentKind);
    }
    this.current = '';
    this.currentKind = undefined;
    this.kindSet = false;
  }

  endPage(): void {
    this.endParagraph();
    this.pages.push(this.paragraphs.join('\n\n'));
    this.kinds.push(this.paragraphKinds);
    this.paragraphs = [];
    this.paragraphKinds = [];
  }
}

function walk(node: AnyNode, out: PagedText, opts: WalkOptions, kind?: SegmentKind): void {
  if (node.type === 'text') {
    out.add((node as unknown as { data: string }).data.replace(/\s+/g, ' '), kind);
    return;
  }
  if (node.type === 'root') {
    for (const child of (node as Document).children) walk(child, out, opts, kind);
    return;
  }
  if (!isElement(node)) return;
  const name = node.name.toLowerCase();
  if (DROPPED.has(name) || (opts.dropChrome && CHROME.has(name))) return;
  if (node.attribs.hidden !== undefined || node.attribs['aria-hidden'] === 'true') return;
  if (name === 'br') return out.newLine();
  if (name === 'hr') return opts.pageBreaks ? out.endPage() : out.endParagraph();
  if (name === 'tr') return tableRow(node, out, opts);
  const block = BLOCK.has(name);
  const childKind = kindOf(node, kind);
  if (block) out.endParagraph();
  for (const child of node.children) walk(child, out, opts, childKind);
  if (block) out.endParagraph();
}

/** A table row becomes one paragraph with its cells separated by " | ". */
function tableRow(row: Element, out: PagedText, opts: WalkOptions): void {
  out.endParagraph();
  const cells = row.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th'));
  cells.forEach((cell, i) => {
    if (i > 0) out.add(' | ', 'table');
    const inner = new PagedText();
    for (const child of cell.children) walk(child, inner, { ...opts, pageBreaks: false });
    inner.endPage();
    out.add(inner.pages.join(' ').replace(/\s*\n+\s*/g, ' '), 'table');
  });
  out.endParagraph();
}

/** Finds the first element with this tag name, depth first. */
export function findElement(root: AnyNode, name: string): Element | undefined {
  if (isElement(root) && root.name.toLowerCase() === name) return root;
  const children = (root as Element).children ?? [];
  for (const child of children) {
    const found = findElement(child, name);
    if (found) return found;
  }
  return undefined;
}

/** Collects every element with this tag name. */
export function findElements(root: AnyNode, name: string, acc: Element[] = []): Element[] {
  if (isElement(root) && root.name.toLowerCase() === name) acc.push(root);
  for (const child of (root as Element).children ?? []) findElements(child, name, acc);
  return acc;
}

/** The visible text of a node, spaces folded. */
export function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  return ((node as Element).children ?? []).map(textOf).join('').replace(/\s+/g, ' ').trim();
}

/** A DOM builder that stops at `maxDepth` open elements, so over-nested input costs little. */
class DepthCappedHandler extends DomHandler {
  constructor(private readonly maxDepth: number) {
    super(undefined, { withStartIndices: false });
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    // tagStack holds the document root as well as the open elements.
    if (this.tagStack.length - 1 > this.maxDepth) {
      throw new InputError('E_TOO_DEEP', `elements nest more than ${this.maxDepth} levels deep (limits.max-html-depth)`);
    }
  }
}

/**
 * Parses HTML into a DOM (a real parser: entities, unclosed tags and comments handled). Reading
 * the tree recurses, and htmlparser2 itself slows down quadratically with depth (100,000 nested
 * elements take seconds), so a document nested deeper than `maxDepth` is refused while parsing.
 */
export function parseHtml(html: string, maxDepth = DEFAULT_LIMITS.maxHtmlDepth): Document {
  const handler = new DepthCappedHandler(maxDepth);
  new Parser(handler, { decodeEntities: true, lowerCaseTags: true }).end(html);
  return handler.root;
}

/**
 * The readable text of an HTML tree as pages of paragraphs, with the kind the markup gives each
 * paragraph (headings, list items, table rows, captions). Prefers `<main>` (or a single
 * `<article>`) when the page has one, so site chrome stays out; `<hr>` splits pages when asked.
 */
export function htmlToPages(root: AnyNode, options: { pageBreaks?: boolean } = {}): { pages: string[]; blockKinds: (SegmentKind | undefined)[][] } {
  const articles = findElements(root, 'article');
  const focused = findElement(root, 'main') ?? (articles.length === 1 ? articles[0] : undefined);
  const content = focused ?? findElement(root, 'body') ?? root;
  const out = new PagedText();
  walk(content, out, { pageBreaks: options.pageBreaks ?? false, dropChrome: !focused });
  out.endPage();
  return { pages: out.pages, blockKinds: out.kinds };
}
