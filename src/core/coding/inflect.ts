// A rule word matches its own inflections, not every word that shares its Porter stem: the stem
// of "promotion" is also the stem of "promote" and "promoting", which have other senses ("promote
// migrants' rights"), and the stem of "racing" is the stem of "race". So the forms a rule word
// accepts are generated from it: plural and third person, past, participle and gerund, with the
// spelling rules of English and a short list of irregular verbs that policy texts use. Adding a
// form no text uses costs nothing; missing one loses matches, so the rules generate generously.

const VOWEL = /[aeiou]/;

// Past and participle forms that no spelling rule gives.
const IRREGULAR: Record<string, string[]> = {
  pay: ['paid'],
  say: ['said'],
  lay: ['laid'],
  leave: ['left'],
  hold: ['held'],
  choose: ['chose', 'chosen'],
  give: ['gave', 'given'],
  take: ['took', 'taken'],
  make: ['made'],
  speak: ['spoke', 'spoken'],
  write: ['wrote', 'written'],
  bring: ['brought'],
  teach: ['taught'],
  seek: ['sought'],
  fall: ['fell', 'fallen'],
  get: ['got', 'gotten'],
  go: ['went', 'gone'],
  know: ['knew', 'known'],
  lose: ['lost'],
  meet: ['met'],
  send: ['sent'],
  tell: ['told'],
  find: ['found'],
  feel: ['felt'],
  keep: ['kept'],
  rise: ['rose', 'risen'],
};

/** Whether the word ends consonant-vowel-consonant, so a suffix doubles its last letter (ban, banned). */
function doubles(word: string): boolean {
  const n = word.length;
  if (n < 3) return false;
  const [a, b, c] = [word[n - 3]!, word[n - 2]!, word[n - 1]!];
  return !VOWEL.test(a) && VOWEL.test(b) && !VOWEL.test(c) && !/[wxy]/.test(c);
}

/** The forms a lower-case rule word accepts: itself and its inflections. */
export function inflections(word: string): string[] {
  const forms = new Set([word]);
  const add = (...xs: string[]) => xs.forEach((x) => forms.add(x));
  const last = word.at(-1) ?? '';
  const consonantY = last === 'y' && word.length > 1 && !VOWEL.test(word.at(-2)!);
  // Plural and third person.
  if (consonantY) add(`${word.slice(0, -1)}ies`);
  else if (/(s|x|z|ch|sh)$/.test(word)) add(`${word}es`);
  else add(`${word}s`);
  // Past, participle and gerund.
  if (consonantY) add(`${word.slice(0, -1)}ied`, `${word}ing`);
  else if (last === 'e') add(`${word}d`, /(ee|ye|oe)$/.test(word) ? `${word}ing` : `${word.slice(0, -1)}ing`);
  else {
    add(`${word}ed`, `${word}ing`);
    if (doubles(word)) add(`${word}${last}ed`, `${word}${last}ing`);
  }
  for (const form of IRREGULAR[word] ?? []) add(form);
  return [...forms];
}

/**
 * A rule term's word: exact forms (the word and its inflections), or a prefix when written
 * `word*`. `form` keeps what the rule wrote, for evidence and lint.
 */
export interface WordPattern {
  form: string;
  forms?: Set<string>;
  prefix?: string;
}

/** The pattern of one written rule word (lower-cased): `promot*` is a prefix, `promotion` its inflections. */
export function wordPattern(written: string): WordPattern {
  const w = written.trim().toLowerCase();
  if (w.endsWith('*') && w.length > 1) return { form: w, prefix: w.slice(0, -1) };
  return { form: w, forms: new Set(inflections(w)) };
}

/** Whether a lower-case text word is accepted by a rule word. */
export function accepts(p: WordPattern, word: string): boolean {
  return p.prefix !== undefined ? word.startsWith(p.prefix) : p.forms!.has(word);
}
