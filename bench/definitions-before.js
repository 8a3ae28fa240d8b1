// The definitions finder as it was before issue 12 (six patterns, the term as its words joined by
// space or hyphen, one segment at a time), kept so the benchmark measures the new finder against
// it in the same run on the same passages.
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const PATTERNS = [
  ['is defined as', String.raw`{T}["”’]?(?:\s*\([^)]{1,60}\))?(?:,[^.;]{1,100},)?\s+(?:is|are|shall be|will be)\s+(?:defined|understood|taken)\s+(?:as|to mean)\b`],
  ['refers to', String.raw`{T}["”’]?(?:\s*\([^)]{1,60}\))?(?:,[^.;]{1,100},)?\s+(?:refers?|referring)\s+to\b`],
  ['means', String.raw`{T}["”’]?(?:\s*\([^)]{1,60}\))?(?:,[^.;]{1,100},)?\s+(?:means|mean)\b`],
  ['for the purposes of', String.raw`for the purposes? of\b[^.]{0,120}?["“‘]?{T}["”’]?\s+(?:means|refers to|is)\b`],
  ['glossary entry', String.raw`^\s*["“‘*]?{T}["”’*]?\s*(?::|–|—|-)\s+\S`],
  ['is a', String.raw`^\s*{T}\s+(?:is|are)\s+(?:a|an|the)\s+`],
];

/** The first pattern of the old finder that matches `term` in `text`, if any. */
export function definitionBefore(text, term) {
  const t = term.trim().split(/\s+/).map(escape).join(String.raw`[\s-]+`);
  for (const [pattern, src] of PATTERNS) {
    if (new RegExp(src.replaceAll('{T}', `(?:${t})`), 'gim').test(text)) return { pattern };
  }
  return undefined;
}
