import { words } from './text-shape.js';

/**
 * Portal, legal and web-chrome text recognised by what it says, not by what it repeats: notices
 * about cookies and privacy, copyright and licence lines, publishers' disclaimers, job portals'
 * notes about their own listings, and prompts to click, apply, share or sign in.
 *
 * Each pattern describes a kind of sentence, and a paragraph is boilerplate only when every one
 * of its sentences is, so that a substantive sentence beside a prompt keeps its paragraph. How an
 * organisation recruits ("No late applications will be accepted") is substance, not portal text:
 * no pattern here speaks of applications, fees or deadlines.
 */

interface SentencePattern {
  test(sentence: string): boolean;
  /** Longer sentences are substance even when they mention the same things. */
  maxWords: number;
}

const all = (...res: RegExp[]) => (s: string) => res.every((re) => re.test(s));

const PATTERNS: SentencePattern[] = [
  // Cookie and consent banners.
  { test: all(/\bcookies?\b/i, /\b(use|uses|using|accept|consent|settings|preferences|policy|browser|brows\w*|site|website|experience)\b/i), maxWords: 60 },
  // Links to legal pages, as a short line of their own.
  { test: all(/\b(privacy (policy|notice|statement|settings)|terms (of (use|service)|(and|&) conditions)|cookie (policy|notice|settings|preferences)|accessibility statement|site ?map)\b/i), maxWords: 12 },
  // Copyright and licence lines.
  { test: all(/(©|\(c\)\s*(19|20)\d\d|\bcopyright\b\s*(©|\(c\))?\s*(19|20)\d\d|\ball rights reserved\b)/i), maxWords: 40 },
  { test: all(/\b(permission to (make|copy|reproduce|republish)\b.*\bcop(y|ies)|licensed under (a |the )?creative commons|reprinted (here )?with permission)/i), maxWords: 80 },
  // Publishers' disclaimers (views expressed; designations on maps).
  { test: all(/\b(views|opinions|findings)\b[^.]{0,80}\b(expressed|presented)\b/i, /\bdo(es)? not (necessarily )?(reflect|represent)\b/i), maxWords: 80 },
  { test: all(/\b(designations employed|do(es)? not imply (the expression of )?any opinion)\b/i), maxWords: 80 },
  // A portal speaking of its own listings: accuracy, responsibility, where a posting came from.
  {
    test: all(
      /\b(our|this|the) (web ?site|site|portal|platform|web ?page|job board|listing)s?\b/i,
      /(\b(may|might|could) (be|contain|change|not)\b|\bnot (be )?(held )?(responsible|liable|affiliated|endorsed)\b|\b(inaccura\w*|errors?|wrong|outdated|out of date|verify|double[- ]check)\b|\boriginal (vacancy|posting|advert\w*|announcement|source)\b)/i,
    ),
    maxWords: 40,
  },
  { test: all(/\b(this|the) (job|vacancy|position|posting|opportunity|advert\w*|listing) (was|is|has been) (originally )?(posted|published|sourced|found|taken|copied|scraped|aggregated)\b/i), maxWords: 40 },
  { test: all(/\bnot affiliated with\b/i), maxWords: 40 },
  // Prompts to act on the page, as imperatives.
  {
    test: all(
      /^(please |just |simply |to [^,]{1,40}, ?)?(click|tap)\s+(?=here|on|in|the|this|below|to|a|an|["“'‘])|^(please )?(apply now|sign (in|up)|log ?(in|out)|subscribe|register now|follow us|share (this|on|via)|print (this )?(page|article|job)|e-?mail this|back to (top|results|search|list)|skip to (main )?content|download (the )?(app|pdf|brochure)|(read|learn|find out|see|view|show) more|related (articles|jobs|posts|stories|links|content)|you (may|might) also (like|be interested))\b/i,
    ),
    maxWords: 25,
  },
  { test: all(/\bapply now\b/i), maxWords: 25 },
  { test: all(/^was this (page|article|information) (helpful|useful)/i), maxWords: 25 },
];

/** A paragraph made only of page-chrome words: share bars, navigation, "Page 3 of 10". */
const CHROME_ONLY =
  /^(?:(?:share|tweet|email|e-mail|print|facebook|twitter|linkedin|whatsapp|instagram|youtube|telegram|copy\s+link|bookmark|save|home|menu|search|next|previous|prev|back|top|page\s+\d+(\s+of\s+\d+)?)\b[\s|·•,/>›»:-]*)+$/i;

/** Breadcrumbs: "Home > Jobs > Consultant". */
const BREADCRUMB = /^(home|start)\s*[>›»/|]\s*\S/i;

const SENTENCE_BREAK = /(?<=[.!?]["'”’)\]]?)\s+|\n+/g;

/**
 * Whether every sentence of the text (split at sentence ends and line breaks) that holds letters
 * is boilerplate. The first that is not settles it, so most paragraphs cost one sentence.
 */
function everySentence(text: string): boolean {
  SENTENCE_BREAK.lastIndex = 0;
  let any = false;
  for (let start = 0; ; ) {
    const m = SENTENCE_BREAK.exec(text);
    const s = text.slice(start, m ? m.index : text.length).trim();
    if (/\p{L}/u.test(s)) {
      let n: number | undefined;
      if (!PATTERNS.some((p) => p.test(s) && (n ??= words(s)) <= p.maxWords)) return false;
      any = true;
    }
    if (!m) return any;
    start = m.index + m[0].length;
  }
}

/** Notices and banners are short; a longer paragraph is substance whatever it mentions. */
const MAX_CHARS = 2000;

/** Whether a paragraph is portal, legal or web-chrome text by what it says. */
export function isBoilerplateText(text: string): boolean {
  if (text.length > MAX_CHARS) return false;
  const t = text.trim();
  return CHROME_ONLY.test(t) || BREADCRUMB.test(t) || everySentence(t);
}
