/**
 * Glossary layouts: how a glossary sets a term beside its definition ("X: …", "X – …", "X | …",
 * "**X** …", the term alone on a line, "What is X?"), and whether what follows reads as a
 * definition rather than as prose, a title or a figure label.
 */
import { LETTERS, QUOTE } from './term-match.js';

const Q = `${QUOTE}?`;

export const LINE_PREFIX = String.raw`[ \t]*(?:[•▪◦·‣∙*–—-][ \t]*|\(?\d{1,3}(?:\.\d{1,3})*[.)]?[ \t]+|\(?[a-z][.)][ \t]+)?(?:(?:an?|the)[ \t]+)?`;
export const POS_TAG = String.raw`(?:\((?:[^()\n]{1,40})\))`;

export type Layout = 'line' | 'heading' | 'question';

/** Glossary layouts: "X: …", "X – …", "X | …", "**X** …", the term alone on a line, "What is X?". */
export const GLOSSARY: { source: string; layout: Layout }[] = [
  { layout: 'line', source: `(?:^|\\n)${LINE_PREFIX}(?:\\*\\*|__)?${Q}{T}${Q}(?:\\*\\*|__)?[ \\t]*${POS_TAG}?[ \\t]*(?::|[ \\t][–—-]|[–—]|\\||[ \\t]?(?:→|=>))(?:\\*\\*|__)?[ \\t]*(?:\\n[ \\t]*)?(?=\\S)` },
  { layout: 'line', source: `(?:^|\\n)${LINE_PREFIX}\\*\\*${Q}{T}${Q}\\*\\*[ \\t]*(?=\\S)` },
  { layout: 'heading', source: `(?:^|\\n)[ \\t]*(?:\\d{1,3}[ \\t]*\\n[ \\t]*)?(?:[${LETTERS}-]{1,25},[ \\t]*)*${Q}{T}${Q}(?:,[ \\t]*[${LETTERS}-]{1,25})*[ \\t]*${POS_TAG}?[ \\t]*:?[ \\t]*\\n(?:[ \\t]*\\n)*[ \\t]*(?=\\S)` },
  { source: `(?:^|\\n|[•▪][ \\t]*)[ \\t]*what\\s+(?:exactly\\s+)?(?:is|are)\\s+(?:an?\\s+|the\\s+)?${Q}{T}${Q}\\s*\\?[ \\t]*(?:\\n[ \\t]*)*(?=\\S)`, layout: 'question' },
];

const FINITE = new Set(
  ('is are was were has have had will would can could may might must shall should do does did found finds showed shows said says ' +
    'reported reports noted notes described explained argued suggests suggested remains remain became become seems appears appeared').split(' '),
);
/** Words that open the complement of a definiens: "persons who …", "the process of …", "a set of procedures designed to …". */
const RELATIONS = new Set(
  ('who whose whom that which whereby wherein where of for about from between in by to with on based related relating used employed ' +
    'admitted engaged designed aimed intended consisting involving referring describing denoting coined ascribed determined ' +
    'characterised characterized associated made derived directed produced built established working living residing born forced placed').split(' '),
);
const GERUND_PREPOSITIONS = new Set('including according regarding concerning during following being having nothing something everything anything notwithstanding excluding'.split(' '));
const NOT_DEFINIENS_START = new Set(
  ('in on at for from with by during after before since under over among between according as while when if although it they ' +
    'we you he she there here these those some many most all several few no none only one two three five staff respondents ' +
    // A recommendation after a heading is advice, not a definition: "Recommendations: Follow up on …".
    'follow ensure make take use provide consider review develop establish introduce improve increase reduce strengthen create ' +
    'adopt set publish report collect train monitor track build support include avoid stop keep see note contact read click visit ' +
    'check add remove do').split(' '),
);

/**
 * Whether the text after a glossary heading reads as a definition: a noun phrase with its
 * relative clause or complement ("persons who …", "The process of …"), a verb of defining
 * ("Refers to …", "Describes …"), an infinitive or a gerund — not a sentence of a report that
 * happens to follow a heading ("The review found that …").
 */
export function definiensLike(rest: string, termRe: RegExp, layout: Layout): boolean {
  const s = rest
    .replace(/^[\s“"‘']+/, '')
    .replace(/^\((?:pronounced|abbr|also|plural|pl|from)\b[^)]{0,60}\)[.:,]?\s*/i, '')
    .replace(/^(?:n|v|adj|noun|verb)\.?\s+/i, '')
    .replace(/^(?:[a-z]\)|\d{1,2}[.)])\s+/, '');
  // Figure labels, table cells and titles after a colon are not definitions: "Compression Ratio: Gzip",
  // "Tiered Replication: A Cost-effective Alternative to Full Cluster Geo-replication".
  if (!/^\p{L}/u.test(s)) return false;
  const line = s.split(/[.;\n]/)[0] ?? '';
  const lineWords = line.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (lineWords.length < 4) return false;
  const long = lineWords.filter((w) => w.length > 3);
  if (long.length && long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length >= 0.8) return false;
  const words = s.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? [];
  const first = words[0] ?? '';
  if (/^(?:refers?|describes?|means?|denotes?|designates?|signifies|encompasses|covers?|represents?)$/.test(first)) return true;
  // In running text a wrapped line can leave the term alone before "is …"; only a glossary line says "X - is …".
  if (layout === 'line' && /^(?:is|are|occurs?|happens?)$/.test(first)) return true;
  if (first === 'to' || (first.length > 5 && first.endsWith('ing') && !GERUND_PREPOSITIONS.has(first))) return true;
  if (layout === 'question' && /^(?:when|where|it)$/.test(first)) return true;
  // "This is when …", "Although this mainly refers to …": the paragraph speaks of the heading.
  const opening = words.slice(0, 8).join(' ');
  if (/\b(?:this|it)\s+(?:\p{L}+ly\s+|also\s+)?(?:is\s+when|refers\s+to|means|describes|covers|denotes|designates)\b/u.test(opening)) return true;
  if (NOT_DEFINIENS_START.has(first) || /^\d/.test(first)) return false;
  // After a heading, a sentence that names the term again is prose about it; the other families judge it.
  const sentence = s.split(/[.;\n]/)[0] ?? '';
  if (layout !== 'line' && termRe.test(sentence)) return false;
  for (const w of words.slice(0, 16)) {
    if (FINITE.has(w)) return false;
    if (RELATIONS.has(w)) return true;
  }
  return words.length <= 20;
}
