import { Marked, type Tokens } from 'marked';
import { stripControls } from './escape.js';

const STYLE = `body{font-family:Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif;line-height:1.2}h1{font-size:1.9rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}th{background:#f3f3f3}
blockquote{margin:1rem 0;padding:.2rem 1rem;border-left:4px solid #b5b5b5;color:#444;font-style:italic}hr{border:0;page-break-after:always}`;

/** Nothing may load or run: no scripts, frames, fonts or remote images; inline styles and data: images only. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Entities a browser would decode inside an href before looking at its scheme. */
const decodeEntities = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);?/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&(colon|tab|newline);/gi, (_m, n: string) => ({ colon: ':', tab: '\t', newline: '\n' })[n.toLowerCase()]!);

/**
 * Whether a link target may become a link: web and mail addresses and links within the page or
 * beside it; never `javascript:`, `data:`, `vbscript:` or any other scheme, however it is spelt.
 */
export function isSafeHref(href: string): boolean {
  // eslint-disable-next-line no-control-regex
  const plain = decodeEntities(href).replace(/[\s\u0000-\u001f]/g, '');
  if (/&[a-z]+;/i.test(plain)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(plain)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/**
 * Markdown to HTML that only litkit's Markdown can mark up: raw HTML in the Markdown is shown as
 * text, unsafe links become their text, images other than data: ones their alt text, and bare
 * addresses in document text (GFM's autolinked literals) stay text.
 */
function renderer(): Marked {
  return new Marked({ gfm: true }).use({
    tokenizer: { url: () => undefined },
    renderer: {
      html: (token: Tokens.HTML | Tokens.Tag) => escape(token.text),
      link(token: Tokens.Link) {
        return isSafeHref(token.href) ? false : this.parser.parseInline(token.tokens);
      },
      // Figures come as data: images (the PRISMA flow as SVG); an <img> runs no script.
      image: (token: Tokens.Image) => (/^data:image\/(png|gif|jpe?g|webp|svg\+xml);/i.test(token.href) ? false : escape(token.text)),
    },
  });
}

/**
 * A standalone HTML page (styles inline, nothing loaded from elsewhere) from Markdown, with a
 * Content-Security-Policy that forbids scripts should anything still slip through.
 */
export async function markdownToHtml(markdown: string, title: string): Promise<string> {
  const body = await renderer().parse(markdown);
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">\n<title>${escape(stripControls(title))}</title>\n<meta name="generator" content="litkit">\n<style>${STYLE}</style>\n</head>\n<body>\n${body}</body>\n</html>\n`;
}
