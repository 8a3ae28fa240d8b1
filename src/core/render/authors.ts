/**
 * Authors as references need them: people split into family and given names, bodies (agencies,
 * programmes, newspapers, sites) kept whole. A name in braces, `{UN Today}`, is always kept whole;
 * a person written `Family, Initials` is always a person.
 */

/** A name as CSL takes it: a person, or a body kept literal. */
export type Name = { literal: string } | { family: string; given?: string; suffix?: string };

/**
 * Words that name bodies rather than people: kinds of organisation, programmes, publications and
 * sites, legal forms. A surname that is also a common word (Page, Banks, King) is not here.
 */
const BODY_WORDS = new RegExp(
  String.raw`\b(` +
    [
      'organi[sz]ations?', 'agency', 'agencies', 'office', 'bureau', 'unit', 'team', 'section', 'division', 'department', 'ministry', 'ministries',
      'secretariat', 'commission', 'committee', 'council', 'board', 'authority', 'assembly', 'parliament', 'government', 'court', 'tribunal',
      'university', 'universit[éyà]', 'universität', 'college', 'school', 'institute', 'institut(e|o|ion)?', 'academy', 'library', 'museum',
      'laborator(y|ies)', 'hospital', 'clinic', 'centre', 'center', 'observatory',
      'association', 'society', 'foundation', 'fondation', 'fundaci[oó]n', 'fund', 'trust', 'charity', 'alliance', 'coalition', 'consortium',
      'federation', 'union', 'league', 'network', 'partnership', 'platform', 'forum', 'initiative', 'campaign', 'movement', 'mission',
      'programme', 'program', 'project', 'group', 'taskforce', 'task force', 'working group', 'panel', 'cluster', 'services?', 'staff',
      'nations', 'international', 'internacional', 'national', 'nacional', 'nationale', 'federal', 'global', 'regional', 'european', 'world',
      'rights', 'watch', 'relief', 'humanitarian', 'development', 'migration', 'refugees?', 'statistics', 'communications?', 'affairs',
      'resources', 'management', 'cooperation', 'cooperative', 'company', 'corporation', 'bank', 'press', 'publishing', 'publications?',
      'media', 'news', 'today', 'times', 'post', 'journal', 'review', 'magazine', 'tribune', 'herald', 'gazette', 'daily', 'weekly', 'monitor',
      'radio', 'television', 'broadcasting', 'channel', 'online', 'blog', 'website', 'wire', 'frontières', 'ministère', 'ministerio',
      'inc', 'ltd', 'llc', 'llp', 'plc', 'gmbh', 'ag', 'corp', 'co', 'ngo', 'e\\.v',
    ].join('|') +
    String.raw`)\b\.?`,
  'i',
);

/** Small words that join the parts of a body's name and never a person's ("Office of", "Save the"). */
const JOINING_WORDS = /(^the\s|\s(of|for|the|on|in|at|to|against|with|without|from|by|und|für|pour|sur)\s)/i;

/** Particles that belong to a family name: "van Gogh", "de Souza", "bin Talal". */
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'du', 'da', 'di', 'del', 'della', 'dos', 'das', 'la', 'le', 'ten', 'ter', 'bin', 'ibn', 'al', 'el', 'st.']);

const SUFFIX = /^(jr|sr|ii|iii|iv)\.?$/i;
/** Initials as written after a family name: `J.`, `J. R.`, `J.-P.`, `JR` (Vancouver style). */
const INITIALS = /^(\p{Lu}\.?[\s-]?){1,3}$/u;
const VANCOUVER = /^(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)\s+(\p{Lu}{1,3})$/u;

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);
const isAllCaps = (s: string) => /\p{L}/u.test(s) && s === s.toUpperCase();

/**
 * An acronym inside a mixed-case name ("UN Today", "UNHCR Kenya", "Oxfam GB"). Capitals at the end
 * of a longer word are a family name written in capitals ("Jean DUPONT"); a name all in capitals
 * ("CHRISTOPHER STRACHEY") is a person's name typed that way.
 */
function hasAcronym(ws: string[]): boolean {
  if (isAllCaps(ws.join(' '))) return false;
  return ws.some((w, i) => /^\p{Lu}[\p{Lu}&]+$/u.test(w) && (i === 0 || w.length <= 3));
}

/** Signs that hold for a body's name whatever follows: body words, joining words, an acronym, digits. */
function bodySigns(n: string): boolean {
  return /\d/.test(n) || BODY_WORDS.test(n) || JOINING_WORDS.test(n) || hasAcronym(words(n));
}

/**
 * Whether one name is a body rather than a person, by several signs: words that name bodies,
 * small joining words ("of", "for", "the"), an acronym ("UN Today"), digits, a single word
 * ("UNICEF", "Oxfam"), or more words than a person's name has.
 */
export function isCorporate(name: string): boolean {
  const ws = words(name);
  if (ws.length <= 1 || bodySigns(name)) return true;
  return ws.filter((w) => !PARTICLES.has(w.toLowerCase()) && !INITIALS.test(w)).length > 4;
}

/** "STRACHEY" -> "Strachey": names typed in capitals read as names in a reference. */
function unshout(s: string): string {
  return s.replace(/\p{L}[\p{L}'’]*/gu, (w) => (w.length > 1 && isAllCaps(w) ? w[0] + w.slice(1).toLowerCase() : w));
}

/** Vancouver initials `JR` -> `J. R.`; other given names as written. */
function given(s: string): string {
  return /^\p{Lu}{1,3}$/u.test(s) ? [...s].map((c) => `${c}.`).join(' ') : s;
}

function person(family: string, givenName?: string, suffix?: string): Name {
  return {
    family: unshout(family.trim()),
    ...(givenName?.trim() ? { given: unshout(given(givenName.trim())) } : {}),
    ...(suffix ? { suffix } : {}),
  };
}

/** A name in natural order, "Jane Q. Smith Jr."; a single word stays literal. */
function naturalName(s: string): Name {
  if (isCorporate(s)) return { literal: s.trim() };
  const ws = words(s);
  const suffix = ws.length > 2 && SUFFIX.test(ws.at(-1)!) ? ws.pop() : undefined;
  let i = ws.length - 1;
  while (i > 1 && PARTICLES.has(ws[i - 1]!.toLowerCase())) i--;
  return person(ws.slice(i).join(' '), ws.slice(0, i).join(' '), suffix);
}

const withoutSuffix = (s: string) => s.replace(/\s+(jr|sr|ii|iii|iv)\.?$/i, '');
const isGiven = (s: string) => INITIALS.test(s) || (words(s).length <= 3 && words(s).every((w) => /^\p{Lu}/u.test(w) || PARTICLES.has(w.toLowerCase())));
/** Tokens that alternate family name and initials: "Smith", "J.", "Doe", "A. B.". */
const familyInitials = (tokens: string[]) => tokens.length % 2 === 0 && tokens.every((t, i) => i % 2 === 0 || INITIALS.test(withoutSuffix(t)));

/**
 * The people of one comma-separated group: inverted pairs ("Smith, J., Doe, A."), one inverted name
 * ("Allison, Timothy B."), or a list in natural order ("Jane Smith, John Doe").
 */
function peopleOf(group: string): Name[] {
  const tokens = group.split(',').map((t) => t.trim()).filter((t) => t && !/^et al\.?$/i.test(t));
  const merged: string[] = [];
  for (const t of tokens) {
    if (SUFFIX.test(t) && merged.length) merged[merged.length - 1] += ` ${t}`;
    else merged.push(t);
  }
  if (merged.length === 1) return [naturalName(merged[0]!)];
  const allFull = merged.every((t) => words(t).length >= 2 && !INITIALS.test(t));
  const pairs = merged.length % 2 === 0 && merged.every((t, i) => i % 2 === 0 || isGiven(withoutSuffix(t)));
  if (pairs && (familyInitials(merged) || !allFull)) {
    const out: Name[] = [];
    for (let i = 0; i < merged.length; i += 2) {
      const g = words(merged[i + 1]!);
      const suffix = g.length > 1 && SUFFIX.test(g.at(-1)!) ? g.pop() : undefined;
      out.push(person(merged[i]!, g.join(' '), suffix));
    }
    return out;
  }
  return merged.map(naturalName);
}

/** Splits on `sep` outside `{…}`. */
function splitOutsideBraces(s: string, sep: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const m = sep.exec(s.slice(i));
      if (m && m.index === 0) {
        out.push(s.slice(last, i));
        i += m[0].length - 1;
        last = i + 1;
      }
    }
  }
  out.push(s.slice(last));
  return out.map((p) => p.trim()).filter(Boolean);
}

/** One `;`-separated part: a braced body, a Vancouver list, a body, or people. */
function namesOfPart(part: string): Name[] {
  const chunks = splitOutsideBraces(part, /^(\s*,\s*|\s+and\s+|\s*&\s*)/);
  if (chunks.some((c) => c.startsWith('{'))) {
    return chunks.flatMap((c) => (/^\{.*\}$/.test(c) ? [{ literal: c.slice(1, -1).trim() }] : namesOfPart(c)));
  }
  const commas = part.split(',').map((t) => t.trim()).filter(Boolean);
  // "Smith J, Doe A" (Vancouver); a lone "Smith J" only with one initial, as "Oxfam GB" is a body.
  const vancouver = commas.length > 1 || /^\S+\s+\p{Lu}$/u.test(part.trim());
  if (vancouver && commas.every((t) => VANCOUVER.test(t))) {
    return commas.map((t) => {
      const m = VANCOUVER.exec(t)!;
      return person(m[1]!, m[2]!);
    });
  }
  // "Bank, J." is a person whatever the family name says: initials after commas mark people.
  const tokens = part.split(/\s*,\s*|\s+and\s+|\s*&\s*/).map((t) => t.trim()).filter(Boolean);
  if (!familyInitials(tokens) && bodySigns(part)) return [{ literal: part.trim() }];
  return splitOutsideBraces(part, /^(\s+and\s+|\s*&\s*)/).flatMap(peopleOf);
}

/**
 * The authors of a document from its `authors` text: names separated by `;` (or listed with
 * commas, "and" and "&"), people in any usual order, bodies kept whole; `{…}` forces a name whole.
 */
export function parseAuthors(raw: string | null | undefined): Name[] {
  if (!raw?.trim()) return [];
  return splitOutsideBraces(raw, /^\s*;\s*/).flatMap(namesOfPart);
}

/** A name as a key for telling authors apart: family and initials, or the body's name, lower-cased. */
export function nameKey(n: Name): string {
  if ('literal' in n) return n.literal.toLowerCase();
  const initials = (n.given ?? '').split(/[\s.-]+/).filter(Boolean).map((w) => w[0]).join('');
  return `${n.family}, ${initials}`.toLowerCase();
}

/** How a name appears in an author–date citation: a family name, or a body's full name. */
export function citedName(n: Name): string {
  return 'literal' in n ? n.literal : n.family;
}
