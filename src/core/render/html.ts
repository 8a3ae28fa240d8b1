import { Marked } from 'marked';

const STYLE = `body{font-family:Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif;line-height:1.2}h1{font-size:1.9rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}th{background:#f3f3f3}
blockquote{margin:1rem 0;padding:.2rem 1rem;border-left:4px solid #b5b5b5;color:#444;font-style:italic}hr{border:0;page-break-after:always}`;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A standalone HTML page (styles inline, nothing loaded from elsewhere) from Markdown. */
export async function markdownToHtml(markdown: string, title: string): Promise<string> {
  const body = await new Marked({ gfm: true }).parse(markdown);
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escape(title)}</title>\n<meta name="generator" content="litkit">\n<style>${STYLE}</style>\n</head>\n<body>\n${body}</body>\n</html>\n`;
}
