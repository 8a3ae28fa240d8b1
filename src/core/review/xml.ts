import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';

/** An XML export parsed as a tree, with each element's start offset so records can be reported by line. */
export function parseXml(text: string): { root: Element[]; lineOf: (el: Element) => number } {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { xmlMode: true, withStartIndices: true });
  const starts: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i);
  const lineOf = (el: Element) => {
    const at = el.startIndex ?? 0;
    let [lo, hi] = [0, starts.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  return { root: doc.children.filter((n): n is Element => n.type === 'tag'), lineOf };
}

const isElement = (n: AnyNode): n is Element => n.type === 'tag';

/** The child elements of `el` with a name (case-insensitive), or all child elements. */
export function children(el: Element | undefined, name?: string): Element[] {
  if (!el) return [];
  return el.children.filter(isElement).filter((c) => !name || c.name.toLowerCase() === name.toLowerCase());
}

/** The first element along a path of child names. */
export function path(el: Element | undefined, ...names: string[]): Element | undefined {
  let at = el;
  for (const n of names) at = children(at, n)[0];
  return at;
}

/** Every element of a name below `el`, in document order. */
export function descendants(el: Element, name: string): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    for (const c of children(e)) {
      if (c.name.toLowerCase() === name.toLowerCase()) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** The text inside an element (its markup, such as <i> or <style>, left out), spaces folded. */
export function text(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  const parts: string[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'text' || n.type === 'cdata') parts.push('data' in n ? String(n.data) : '');
    if ('children' in n) for (const c of n.children) walk(c);
  };
  walk(el);
  const t = parts.join('').replace(/\s+/g, ' ').trim();
  return t || undefined;
}
