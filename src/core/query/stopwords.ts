import { createRequire } from 'node:module';

// stopwords-iso ships one JSON object of ISO 639-1 code -> word list; read it as data.
const ISO = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;

/** Languages a document is told apart among when nothing says which it is in. */
export const DETECTED_LANGUAGES = ['en', 'fr', 'es', 'de', 'pt', 'it', 'nl', 'ru', 'ar'] as const;

/**
 * Words stopwords-iso lists that carry the content of a desk review, kept in counts: its English
 * list (a union of many lists, 1,298 words) drops "men", "work", "research", "information",
 * "right", "system", "state", "members"; French drops "personnes", Spanish "estado".
 */
const KEEP: Record<string, readonly string[]> = {
  en: ['men', 'man', 'old', 'older', 'young', 'younger', 'youngest', 'work', 'worked', 'working', 'works', 'world', 'research', 'information', 'group', 'groups', 'member', 'members', 'right', 'state', 'states', 'system', 'home', 'area', 'areas', 'problem', 'problems', 'results', 'value', 'million', 'billion', 'interest', 'interests', 'computer', 'test', 'text'],
  fr: ['personne', 'personnes', 'droite', 'travail'],
  es: ['estado', 'estados', 'trabajo', 'personas'],
};

/**
 * Document furniture of reports and papers, in any language: page and figure labels, citation
 * abbreviations and the pieces of web addresses. They top every count of a report corpus and say
 * nothing about its subject.
 */
const FURNITURE = ['page', 'pages', 'figure', 'fig', 'table', 'tables', 'annex', 'annexes', 'appendix', 'chapter', 'section', 'para', 'paragraph', 'ibid', 'doi', 'isbn', 'issn', 'http', 'https', 'www', 'org', 'com', 'pdf', 'html', 'htm', 'et', 'al', 'pp', 'vol', 'eds'];

const cache = new Map<string, ReadonlySet<string>>();

/** The stop words of a language (stopwords-iso, less the content words above, plus document furniture); English for a language it does not know. */
export function stopWords(language: string): ReadonlySet<string> {
  const lang = Object.hasOwn(ISO, language) ? language : 'en';
  let set = cache.get(lang);
  if (!set) {
    const keep = new Set(KEEP[lang] ?? []);
    set = new Set([...ISO[lang]!.filter((w) => !keep.has(w)), ...FURNITURE]);
    cache.set(lang, set);
  }
  return set;
}

/** Whether stopwords-iso has a list for this ISO 639-1 code. */
export function knownLanguage(language: string): boolean {
  return Object.hasOwn(ISO, language);
}

const detection = new Map<string, ReadonlySet<string>>();
const detectionSet = (lang: string) => detection.get(lang) ?? detection.set(lang, new Set(ISO[lang])).get(lang)!;

/** Names a `language` attribute may give instead of a code. */
const NAMES: Record<string, string> = { english: 'en', anglais: 'en', french: 'fr', 'français': 'fr', francais: 'fr', spanish: 'es', 'español': 'es', espanol: 'es', german: 'de', deutsch: 'de', portuguese: 'pt', italian: 'it', dutch: 'nl', russian: 'ru', arabic: 'ar' };

/** An ISO 639-1 code from a `language` attribute (`fr`, `fr-CA`, `French`), or undefined when it names none litkit has a list for. */
export function languageCode(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  const code = NAMES[v] ?? v.split(/[-_]/)[0]!;
  return knownLanguage(code) ? code : undefined;
}

/**
 * The language of a text's words: the one whose stop-word list covers most of them (function
 * words make up a third to a half of running text, and the lists differ most on exactly those).
 * English when no list covers any word.
 */
export function detectLanguage(words: readonly string[]): string {
  let best = 'en';
  let bestHits = 0;
  for (const lang of DETECTED_LANGUAGES) {
    const list = detectionSet(lang);
    let hits = 0;
    for (const w of words) if (list.has(w)) hits++;
    if (hits > bestHits) {
      best = lang;
      bestHits = hits;
    }
  }
  return best;
}
