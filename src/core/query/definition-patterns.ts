/**
 * The senses in which sources define a term, as regular expressions over running text, and the
 * checks that keep evaluations ("X is a major problem") and longer terms ("institutional racism"
 * for "racism") out. Measured on test/data/definitions-gold.jsonl (real glossaries and reports).
 */
import { definiensLike, GLOSSARY, LINE_PREFIX, POS_TAG } from './glossary-layout.js';
import { LETTERS, QUOTE, subjectBoundaryOk, termKey, termPattern, termWords } from './term-match.js';

/** A definitional statement found in a text. */
export interface TextDefinition {
  /** The sense of defining, as `litkit definitions` reports it ("refers to", "glossary entry" …). */
  pattern: string;
  /** Where the statement starts in the text. */
  index: number;
  /** The statement: its sentence, or "Term: definition" for a glossary entry. */
  definition: string;
}

const Q = `${QUOTE}?`;
/** A parenthesis after the term: an abbreviation, an etymology, a plural (one level of nesting). */
// One character or one inner parenthesis per step: "[^()]+" inside "+" backtracks exponentially
// when no closing parenthesis follows.
const PAREN = String.raw`(?:\s*\((?:[^()]|\([^()]*\))+\))`;
/** A citation mark or footnote number after the term: "[1]", "race 1 is". */
const CITE = String.raw`(?:\s?\[\d{1,3}\]|\s\d{1,2}(?=\s))`;
/** An aside between the term and its verb: ", at its core,", " — or Y —". */
const ASIDE = String.raw`(?:\s*,\s*[^.;:,()]{1,100}?,|\s*[—–]\s*[^.;—–]{1,100}?\s*[—–])`;
/** Another name in the subject: "Systemic racism or structural racism is". */
const ALIAS = String.raw`(?:\s+or\s+(?:the\s+)?[${LETTERS}-]+(?:\s+[${LETTERS}-]+){0,3}?)`;
const ADVERB = String.raw`(?:\s+(?:[${LETTERS}]{3,}ly|thus|therefore|hence|also|then|often|sometimes|here|now|still|just|more|best|either|generally|originally))`;
const MODAL = String.raw`(?:(?:can|may|might|could|should|shall|will|would|must)(?:\s+(?:[${LETTERS}]{3,}ly|also|either|often|sometimes|best))?\s+)`;
const BE = String.raw`(?:${MODAL}be|is|are|was|were|has\s+been|have\s+been|had\s+been|is\s+being|are\s+being)`;
/** Where a name given to something ends: "called PageRank," — not "called Program Query Language". */
const NAME_END = String.raw`(?=\s*(?:[.,;:!?()"”’'\]]|$)|\s(?:and|or|in|is|are|was|were|which|that|who|for|to|by|of|with|because|when|where|while|but|as|if)\b)`;
/** A phrase that narrows the subject: "Allyship in this context is when …". */
const NARROWING = String.raw`(?:\s+(?:in\s+(?:this|the|our|its)\s+(?:[${LETTERS}]+\s+){0,2}?(?:context|sense|report|paper|review|study|document|guide|glossary|framework|policy|toolkit|chapter)|in\s+(?:general|law|practice|short)|here))`;
/** The term as the subject of a sentence, with what may stand between it and its verb. */
const SUBJECT = `{T}${Q}(?:${PAREN}|${CITE})*${ASIDE}?(?:${ALIAS}${PAREN}?)?${NARROWING}?`;
/** Between the subject and its verb: a space, or a quote that opens the definition (X, “is a …). */
const GAP = `(?:\\s*${QUOTE}|\\s+)`;

/** Words that make a predicate an evaluation, a ranking or a share rather than a definition. */
const EVALUATIVE = new Set(
  ('key major main serious severe significant substantial important crucial critical vital essential central fundamental ' +
    'widespread common growing increasing big huge real great greatest largest biggest most best worst leading foremost top chief ' +
    'useful valuable invaluable helpful effective powerful profound share proportion percent per majority minority fraction number ' +
    'total amount half third quarter twice times likely unlikely more less relevant appropriate right correct preferred only sole ' +
    'proper wrong ideal dominant better worse').split(' '),
);
/** Nouns that judge what they are said of, when they head the predicate ("a pervasive issue that …", "a barrier to …"). */
const EVALUATIVE_NOUNS = new Set(
  ('problem problems issue issues challenge challenges priority priorities concern concerns barrier barriers obstacle obstacles ' +
    'threat threats risk risks menace danger scourge tragedy disgrace reality fact facts violation violations breach opportunity ' +
    'opportunities step steps shift milestone improvement progress buzzword').split(' '),
);
/** Negation right after the verb: "X is not a replacement for …". */
const NEGATION = new Set('not no never neither nor'.split(' '));
/** Heads that relate the term to something else instead of saying what it is. */
const RELATIONAL = new Set(
  ('manifestation manifestations result results outcome outcomes product consequence consequences cause causes symptom symptoms ' +
    'root roots source sources driver drivers example examples instance part parts component components element elements feature ' +
    'features aspect aspects dimension dimensions hallmark sign signs legacy reason reasons effect effects impact one ' +
    'responsibility responsibilities duty duties obligation obligations matter question function means').split(' '),
);
/** Heads that name a kind of person: "X are people who …" is a class definition. */
const PERSONS = new Set(
  ('person persons people individual individuals someone somebody anyone one group groups member members worker workers migrant ' +
    'migrants foreigner foreigners national nationals child children woman women man men employee employees staff refugee refugees').split(' '),
);
/** Nouns that name words rather than things: "X is a term …" defines only if it says for what. */
const META = new Set('term terms word words concept concepts notion notions label labels phrase phrases expression expressions definition definitions'.split(' '));
/** Participles that do not end in -ed: "are read from", "is given the", "was made by". */
const PARTICIPLE = new Set(
  ('read made given taken seen known found built held kept left set put run done sent shown written spent paid brought thought ' +
    'told chosen drawn broken grown shared split cut hit').split(' '),
);
const isParticiple = (w: string) => PARTICIPLE.has(w) || (/(?:ed|en)$/.test(w) && !/^(?:un|non|well|ill)/.test(w) && w.length > 4);
/** Words that cannot stand inside the noun phrase of a class: verbs and clause openers. */
const NOT_IN_CLASS = new Set(
  ('is are was were be been being has have had will would can could may might must shall should do does did if when because ' +
    'although though as than while whether so since until unless whereas').split(' '),
);
/** Pronouns that start a new clause inside what looked like the class: "are deterministic, each computes …". */
const CLAUSE_PRONOUN = /(?:^|\s|,)(?:it|they|we|he|she|you|there|each)\s/;
/** Words that read as adjectives, so cannot head the class of a definition without an article. */
const ADJECTIVE_ENDING = /(?:ive|ous|able|ible|ful|less|ent|ant|al|ic|ary|ory|ed)$/;
/** Predicative words without those endings ("Learning is mostly online for us"). */
const PREDICATIVE = new Set(
  ('online offline available open free due able unable new high low good bad poor better worse rare limited possible clear unclear ' +
    'difficult easy hard ongoing subject ready aware unaware similar familiar full rife safe enough').split(' '),
);
/** Nouns without a plural that can be a class on their own: "Metadata is data about data". */
const MASS = new Set(
  ('data information knowledge evidence software equipment money research guidance advice conduct behaviour behavior treatment ' +
    'discrimination violence abuse harassment racism segregation exclusion prejudice').split(' '),
);

/**
 * "X is [a] … NOUN who/that/of/used …": the class (genus) and what sets it apart. The noun phrase
 * is checked in code: no evaluation, no relation to something else, a real head noun.
 */
const GENUS_RELATION =
  'who|whose|whom|that|which|whereby|wherein|where|of|for|about|from|between|in|to|with|through\\s+which|in\\s+which|by\\s+which|to\\s+which|' +
  'based|related|relating|used|employed|admitted|engaged|designed|aimed|intended|consisting|involving|referring|describing|denoting|' +
  'coined|ascribed|determined|characteri[sz]ed|associated|made|derived|directed|produced|built|established|working|living|residing|born|forced|placed';

interface Family {
  name: string;
  source: string;
  /**
   * Where the term stands: the subject of its sentence (no modifier may come before it); an
   * object whose left side the pattern does not fix (checked for modifiers); or anchored, when
   * the pattern's own words come right before the term ("defines X as", "known as X").
   */
  position: 'subject' | 'object' | 'anchored';
  /**
   * Whether "the" may stand before a subject of several words. A verb of defining makes "The glass
   * ceiling is defined as …" a definition; a bare class does not ("The data structure is a special
   * kind of tree" describes one paper's structure).
   */
  definite?: boolean;
  /** Further checks on a match; false drops it. */
  accept?: (m: RegExpExecArray, text: string, term: string) => boolean;
  /** The name to report, when it depends on the match (class or genus). */
  rename?: (m: RegExpExecArray, term: string) => string;
}

/** Words of the text right after `at`, lower-cased. */
function wordsAfter(text: string, at: number, n: number): string[] {
  return (text.slice(at, at + 200).toLowerCase().match(/[\p{L}\p{N}%]+/gu) ?? []).slice(0, n);
}

/**
 * "defined as a priority", "represents a substantial share", "constitutes a barrier to …": the
 * predicate judges; "encompasses a variety of elements, including …": it lists parts.
 */
const notEvaluative = (m: RegExpExecArray, text: string) => {
  const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 200).split(/[.;:!?]/)[0]!.toLowerCase();
  const next = rest.match(/[\p{L}\p{N}%]+/gu) ?? [];
  if (/^(?:an?\s+)?(?:variety|range|number|series|host|multitude)\s+of\b|^(?:several|various|many|multiple)\b/.test(rest.trim())) return false;
  if (next.slice(0, 4).some((w) => EVALUATIVE.has(w) || /^\d/.test(w))) return false;
  return !next.slice(0, 4).some((w, i) => EVALUATIVE_NOUNS.has(w) && (i === next.length - 1 || /^(?:to|for|in|of|that|facing|with)$/.test(next[i + 1]!)));
};

function genusAccept(m: RegExpExecArray, text: string): boolean {
  const det = m.groups!.det ?? '';
  const np = (m.groups!.np ?? '').toLowerCase().match(/[\p{L}\p{N}'’/-]+/gu) ?? [];
  const rel = m.groups!.rel!.toLowerCase();
  if (np.length === 0 || np.length > 16) return false;
  // "X is the relevant category, which leaves …": a clause after a comma adds a remark, not what sets the class apart.
  if (/,\s*$/.test(m.groups!.np!) && /^(?:which|who|whose|whom|where)$/.test(rel)) return false;
  if (np.some((w) => EVALUATIVE.has(w) || NEGATION.has(w) || NOT_IN_CLASS.has(w)) || CLAUSE_PRONOUN.test(m.groups!.np!)) return false;
  const head = np.at(-1)!;
  // Every conjunct of the class judges or relates ("a pervasive issue", "the manifestation of"): not a definition.
  const heads = (m.groups!.np ?? '').toLowerCase().split(/,|\bor\b|\band\b/).map((c) => c.match(/[\p{L}\p{N}'’/-]+/gu)?.at(-1)).filter((h): h is string => !!h);
  const judging = (h: string) => EVALUATIVE_NOUNS.has(h) || (RELATIONAL.has(h) && /^(?:of|from|in|for|to)$/.test(rel));
  if (heads.length && heads.every(judging)) return false;
  // "A transaction is safe to be committed": one bare word before a preposition is an adjective,
  // unless it is a plural or a mass noun ("transfers of money", "data about data").
  if (!det && np.length === 1 && /^(?:of|for|about|from|between|in|to|with)$/.test(rel) && !/s$/.test(head) && !MASS.has(head)) return false;
  // "Functions are defined in code …", "a log entry is committed in …": a passive, not a class.
  if (!det && (isParticiple(np[0]!) || np[0]!.endsWith('ing') || isParticiple(head) || head.endsWith('ing'))) return false;
  if (head.endsWith('ly') || np[0] === 'one') return false;
  // "… is a mechanism for refugee protection, a durable solution, and an example of …": classed as an instance.
  const predicate = text.slice(m.index, m.index + m[0].length + 200).split(/[.;!?]/)[0]!;
  if (/\b(?:example|instance)s?\s+of\b/i.test(predicate)) return false;
  if (!det && (ADJECTIVE_ENDING.test(head) || PREDICATIVE.has(head)) && !PERSONS.has(head)) return false;
  if (!det && /^(?:in|on|at|to|for|with|from|by|about|into|within|between|among|against|under|over|like|than|as)$/.test(np[0]!)) return false;
  if (META.has(head)) {
    if (/^(?:used|for|of|referring|describing|denoting|coined|related)$/.test(rel)) return true;
    return /^(?:that|which)$/.test(rel) && /^(?:describes|refers|means|denotes|captures|covers|designates|names)$/.test(wordsAfter(text, m.index + m[0].length, 1)[0] ?? '');
  }
  return true;
}

function genusName(m: RegExpExecArray, term: string): string {
  const np = (m.groups!.np ?? '').toLowerCase().match(/[\p{L}\p{N}'’/-]+/gu) ?? [];
  const head = np.at(-1) ?? '';
  const termHead = termKey(term).split(' ').at(-1);
  if (META.has(head)) return 'term used';
  return PERSONS.has(head) || termKey(head) === termHead ? 'class' : 'is a';
}

/** Function words and linking verbs that may stand before a term that is not a subject. */
const BEFORE_OBJECT = /^(?:of|in|on|at|to|for|with|from|by|about|as|into|within|between|among|against|under|over|through|like|than|is|are|was|were|be|been|being|has|have|had|called|named|termed|the|a|an|this|that|these|those|and|or|but)$/i;

function objectBoundaryOk(text: string, start: number): boolean {
  if (subjectBoundaryOk(text, start)) return true;
  const m = /([\p{L}]+)\s+$/u.exec(text.slice(Math.max(0, start - 30), start));
  return !!m && BEFORE_OBJECT.test(m[1]!);
}

/**
 * The senses of defining, most explicit first. The statement that starts earliest in a text is
 * reported; of two starting at the same place, the one of the family listed first.
 */
const FAMILIES: Family[] = [
  {
    name: 'defined as',
    position: 'subject',
    definite: true,
    source: `${SUBJECT}${ADVERB}?${GAP}${BE}${ADVERB}?\\s+(?:defined|understood|conceptuali[sz]ed|construed|characteri[sz]ed|described|taken)(?:\\s+(?:by|in|according\\s+to|under|within|for)\\s+[^.;]{1,160}?)?\\s+(?<!\\b(?:such|well)\\s+)(?:as\\b|to\\s+mean\\b)`,
    accept: notEvaluative,
  },
  {
    name: 'means',
    position: 'subject',
    definite: true,
    source: `${SUBJECT}${ADVERB}?${GAP}${MODAL}?(?:means|mean|stands\\s+for)\\b(?!\\s+(?:that|different|many|much|little|something|nothing|a\\s+lot)\\b)`,
  },
  {
    name: 'refers to',
    position: 'subject',
    definite: true,
    source: `${SUBJECT}${ADVERB}?${GAP}${MODAL}?refers?${ADVERB}?\\s+to\\b(?!\\s+(?:as|it|them)\\b)`,
  },
  {
    // "Race differs from ethnicity, which refers to …": the term need not be the subject.
    name: 'refers to',
    position: 'object',
    source: `{T}${Q}${PAREN}?\\s*,\\s*which\\s+(?:[${LETTERS}]+ly\\s+)?(?:refers\\s+to|means|denotes|designates)\\b(?!\\s+that\\b)`,
  },
  {
    name: 'defines … as',
    position: 'anchored',
    source: `\\b(?:defines?|defined|defining)\\s+(?:(?:the\\s+)?(?:term|concept|notion|word)\\s+)?(?:an?\\s+|the\\s+)?${Q}(?:[${LETTERS}-]+\\s+(?:or|and)\\s+)?{T}${Q}${PAREN}?\\s+(?:as\\b|to\\s+(?:mean|be|include)\\b)`,
  },
  {
    name: 'defines … as',
    position: 'anchored',
    source: `\\bdefinition\\s+of\\s+(?:an?\\s+|the\\s+)?${Q}{T}${Q}\\s+(?:as\\b(?!\\s+(?:[${LETTERS}]+ed|found|set|given|laid|written|seen|shown|known)\\b)|(?:is|reads)\\s*(?::|${QUOTE}|as\\s+follows))`,
  },
  {
    // "While there is no agreed definition of X, IOM (2011) defines it as …"
    name: 'defines … as',
    position: 'object',
    source: `{T}${Q}[^.;]{0,140}?\\b(?:defines?|defined)\\s+(?:it|them)\\s+as\\b`,
  },
  {
    name: 'we mean',
    position: 'anchored',
    source: `\\b(?:we|i|this\\s+(?:report|review|paper|study|document|guide|glossary|policy|chapter|section|note|toolkit|strategy|site|framework))\\s+(?:[${LETTERS}]+ly\\s+|also\\s+|will\\s+|shall\\s+)?(?:use|define|understand|refer\\s+to|take|employ|apply)\\s+(?:the\\s+(?:term|word|concept|notion|expression)\\s+)?${Q}{T}${Q}${PAREN}?\\s+(?:as\\b|to\\s+(?:mean|refer\\s+to|describe|denote|designate|cover|capture|include)\\b)`,
  },
  {
    name: 'we mean',
    position: 'anchored',
    source: `\\bby\\s+${Q}{T}${Q},?\\s+(?:we|i|this\\s+[${LETTERS}]+|the\\s+[${LETTERS}]+(?:\\s+[${LETTERS}]+)?)\\s+(?:[${LETTERS}]+\\s+)?(?:mean|means|understand|understands|refer\\s+to|refers\\s+to|intend|intends)\\b`,
  },
  {
    name: 'term used',
    position: 'anchored',
    source: `\\b(?:term|word|expression|phrase|label|concept|notion)s?\\s+${Q}{T}${Q},?${PAREN}?(?:\\s+[${LETTERS}]+){0,4}?\\s+(?:used|employed|applied)\\s+(?:[${LETTERS}]+\\s+){0,3}?(?:to\\s+(?:describe|refer|denote|mean|designate|capture|cover|identify|characteri[sz]e|name|signify|talk\\s+about|speak\\s+about)\\b|for\\s+(?:describing|referring|naming)\\b|as\\s+(?:an?\\s+)?(?:umbrella|shorthand|collective|general|generic|catch-all)\\b)`,
  },
  {
    name: 'term used',
    position: 'subject',
    definite: true,
    source: `${SUBJECT}${ADVERB}?${GAP}${BE}${ADVERB}?\\s+used\\s+(?:here\\s+|in\\s+this\\s+[${LETTERS}]+\\s+)?(?:to\\s+(?:describe|refer\\s+to|denote|mean|designate|capture|cover|name)\\b|as\\s+(?:an?\\s+)?(?:umbrella|shorthand|collective|general|generic|catch-all)\\s+term\\b)`,
  },
  {
    // "The terms ‘systemic racism,’ ‘structural racism’ and ‘institutional racism’ refer to …"
    name: 'term used',
    position: 'anchored',
    source: `\\bterms\\b[^.;:]{0,100}?${QUOTE}{T},?${QUOTE}[^.;:]{0,100}?\\s(?:refer\\s+to|are\\s+used\\s+to|describe|denote|mean)\\b`,
  },
  {
    name: 'is when',
    position: 'subject',
    definite: true,
    source: `${SUBJECT}${ADVERB}?${GAP}(?:is|are|occurs?|happens?|takes\\s+place)${ADVERB}?\\s+(?:when|where|whenever)\\b`,
  },
  {
    name: 'represents',
    position: 'subject',
    definite: true,
    // No modal: "X can represent …" says what it may stand for, not what it is.
    source: `${SUBJECT}${ADVERB}?${GAP}(?:represents?|denotes?|describes?|designates?|signif(?:y|ies)|encompass(?:es)?|constitutes?|embod(?:y|ies)|captures?)\\b`,
    accept: notEvaluative,
  },
  {
    // "Unconscious bias, also known as …" is handled by the aside; this is the alias in parentheses:
    // "Discrimination against women and girls (gender discrimination) is defined … as".
    name: 'defined as',
    position: 'anchored',
    source: `[${LETTERS}]\\s*\\(\\s*${Q}{T}${Q}\\s*\\)\\s*:?\\s*(?:(?:is|are)\\s+(?:[${LETTERS}]+ly\\s+)?(?:defined|understood|described)\\b[^.;]{0,160}?\\s(?:as|to\\s+mean)\\b|refers?\\s+to\\b|means\\b)`,
  },
  {
    name: 'known as',
    position: 'anchored',
    source: `(?:\\b(?:known|referred\\s+to|designated)\\s+as|(?<!so-)\\bcalled|\\btermed|\\bdubbed)\\s+(?:an?\\s+|the\\s+)?${Q}{T}${Q}${NAME_END}`,
  },
  {
    name: 'known as',
    position: 'anchored',
    source: `\\brefer(?:red)?\\s+to\\s+(?:this|these|that|such|it|them)(?:\\s+[${LETTERS}]+){0,3}\\s+as\\s+(?:an?\\s+|the\\s+)?${Q}{T}${Q}${NAME_END}`,
  },
  {
    // Legal drafting names the term after its definition: "… natural person (‘data subject’)".
    name: 'known as',
    position: 'object',
    source: `\\(\\s*(?:(?:the|hereinafter(?:\\s+referred\\s+to\\s+as)?(?:\\s+the)?)\\s+)?${QUOTE}{T}${QUOTE}\\s*\\)`,
  },
  {
    name: 'known as',
    position: 'anchored',
    source: `\\(\\s*(?:i\\.\\s?e\\.|that\\s+is),?\\s*${Q}{T}${Q}\\s*\\)`,
  },
  {
    name: 'appositive',
    position: 'object',
    source: `{T}${Q}\\s*(?:,\\s*|\\(\\s*)(?:defined|understood)\\s+(?:here\\s+|in\\s+this\\s+[${LETTERS}]+\\s+)?as\\b`,
  },
  {
    // "i.e." glosses a quoted term ("'course of conduct', i.e. it happens …"); after a plain noun
    // phrase it restates the whole clause ("the source code (i.e. there can be syntax errors …)").
    name: 'appositive',
    position: 'anchored',
    source: `${QUOTE}{T}${QUOTE}\\s*(?:,\\s*|\\(\\s*)i\\.\\s?e\\.,?\\s`,
  },
  {
    name: 'appositive',
    position: 'object',
    source: `{T}${Q}\\s+[—–]\\s+(?:the|an?)\\s+(?:[${LETTERS}]+\\s+){0,2}?[${LETTERS}]+\\s+(?:that|which|who|whereby|of|in\\s+which|by\\s+which)\\b`,
  },
  {
    // "Intersectionality, a term coined by Kimberlé Crenshaw, emphasises how …"
    name: 'appositive',
    position: 'subject',
    source: `{T}${Q}\\s*,\\s+an?\\s+(?:term|concept|word|notion|phrase)\\s+(?:first\\s+)?(?:coined|used|introduced|developed)\\s+[^.;]{1,120}?,\\s+(?:[${LETTERS}]+ly\\s+)?(?:describes?|emphasi[sz]es|captures?|highlights?|refers\\s+to|denotes?|means|explains?|recogni[sz]es|examines?)\\b`,
  },
  {
    // "White privilege is about the concrete benefits … that whites receive": what the term concerns.
    name: 'is a',
    position: 'subject',
    source: `${SUBJECT}${ADVERB}?${GAP}(?:is|are)\\s+(?:[${LETTERS}]+ly\\s+|all\\s+)?about\\s+(?=(?:the|how|what|a|an|who|which)\\b)`,
    accept: notEvaluative,
  },
  {
    name: 'is a',
    position: 'subject',
    source: `${SUBJECT}${ADVERB}?${GAP}(?:is|are|was|were)${ADVERB}?\\s+${Q}(?<det>(?:an?|the|any|those|all)\\s+)?(?<np>(?:[${LETTERS}0-9'’/-]+,?\\s+)*?)(?<rel>${GENUS_RELATION})\\b`,
    accept: genusAccept,
    rename: genusName,
  },
];

const ABBREVIATION = /(?:\b(?:dr|mr|mrs|ms|prof|st|no|art|arts|e\.g|i\.e|etc|cf|vs|al|p|pp|para|fig|vol|inc|ltd|co|u\.s|u\.k)|\b\p{Lu})$/iu;

/** The sentence of `text` that holds offset `at`. */
export function sentenceAt(text: string, at: number): string {
  const ends: number[] = [];
  for (const m of text.matchAll(/[.!?…]["”’)\]]*(?=\s|["“‘(]?\p{Lu})/gu)) {
    if (m[0].startsWith('.') && ABBREVIATION.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    ends.push(m.index + m[0].length);
  }
  const start = ends.filter((e) => e <= at).at(-1) ?? 0;
  const end = ends.find((e) => e > at) ?? text.length;
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}

/**
 * A pattern split at the term: what must end right before the term, and what must follow it.
 * Compiled once per process; only the term's own regex is compiled per term (a regex that
 * embeds the term would cost milliseconds to compile for every term and pattern).
 */
interface Split {
  before?: RegExp;
  after: RegExp;
}

function splitAtTerm(source: string): Split {
  const [pre, post] = source.split('{T}') as [string, string];
  return { before: pre ? new RegExp(`(?:${pre})$`, 'iu') : undefined, after: new RegExp(post, 'iuy') };
}

const COMPILED_FAMILIES = FAMILIES.map((family) => ({ family, ...splitAtTerm(family.source) }));
const COMPILED_GLOSSARY = GLOSSARY.map((g) => ({ layout: g.layout, ...splitAtTerm(g.source) }));

interface Occurrence {
  start: number;
  end: number;
  text: string;
}

/** Finds a term's definitional statements; build one per term and reuse it across texts. */
export class TermDefinitionFinder {
  /** Every occurrence (global: used only through matchAll, which copies it). */
  private readonly termRe: RegExp;
  /** Whether a text names the term (not global, so it keeps no position between calls). */
  private readonly termTest: RegExp;
  private readonly headingRe: RegExp;
  private readonly words: number;

  constructor(readonly term: string) {
    const plain = termPattern(term);
    this.words = termWords(term).length;
    this.termRe = new RegExp(plain, 'gi');
    this.termTest = new RegExp(plain, 'i');
    this.headingRe = new RegExp(
      `^(?:${LINE_PREFIX}(?:[${LETTERS}-]{1,25},[ \\t]*)*${Q}${plain}${Q}(?:,[ \\t]*[${LETTERS}-]{1,25})*[ \\t]*${POS_TAG}?[ \\t]*:?|(?:[•▪][ \\t]*)?what\\s+(?:exactly\\s+)?(?:is|are)\\s+(?:an?\\s+|the\\s+)?${Q}${plain}${Q}\\s*\\?)\\s*$`,
      'i',
    );
  }

  /** Whether a whole paragraph is only the term, as a glossary heading ("Vulnerable migrants", "What is equity?"). */
  isHeading(text: string): boolean {
    return this.headingRe.test(text.trim());
  }

  /**
   * The first definitional statement of the term in `text`, if any: the one that starts earliest
   * (a glossary entry before the sentences that follow it), then the most explicit family.
   */
  find(text: string): TextDefinition | undefined {
    const occurrences: Occurrence[] = [...text.matchAll(this.termRe)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
    if (!occurrences.length) return undefined;
    let best: TextDefinition | undefined;
    for (const found of this.candidates(text, occurrences)) if (!best || found.index < best.index) best = found;
    return best;
  }

  /** The first statement each family and glossary layout finds. */
  private *candidates(text: string, occurrences: Occurrence[]): Generator<TextDefinition> {
    for (const { family, before, after } of COMPILED_FAMILIES) {
      for (const o of occurrences) {
        const found = this.match(text, o, before, after);
        if (!found) continue;
        const boundary = family.position === 'subject' ? subjectBoundaryOk(text, o.start, family.definite ? this.words : 1) : family.position === 'object' ? objectBoundaryOk(text, o.start) : true;
        if (!boundary || (family.accept && !family.accept(found.m, text, this.term))) continue;
        // A number after a capitalised term is a label ("Algorithm 1 describes …"), not a footnote mark.
        if (/^\s\d/.test(text.slice(o.end)) && /^\p{Lu}/u.test(o.text)) continue;
        const start = family.position === 'subject' ? o.start : found.start;
        yield { pattern: family.rename?.(found.m, this.term) ?? family.name, index: start, definition: sentenceAt(text, start) };
        break;
      }
    }
    for (const { layout, before, after } of COMPILED_GLOSSARY) {
      for (const o of occurrences) {
        const found = this.match(text, o, before, after);
        if (!found) continue;
        const rest = text.slice(o.end + found.m[0].length);
        if (definiensLike(rest, this.termTest, layout)) {
          const body = sentenceAt(rest, 0).replace(/^[-–—:|→=>\s]+/, '');
          yield { pattern: 'glossary entry', index: o.start, definition: `${o.text}: ${body}` };
          break;
        }
      }
    }
  }

  /** The pattern around one occurrence: where it starts, and what follows the term. */
  private match(text: string, o: Occurrence, before: RegExp | undefined, after: RegExp): { start: number; m: RegExpExecArray } | undefined {
    let start = o.start;
    if (before) {
      const b = before.exec(text.slice(0, o.start));
      if (!b) return undefined;
      start = b.index;
    }
    after.lastIndex = o.end;
    const m = after.exec(text);
    return m ? { start, m } : undefined;
  }
}

/** The first definitional statement of `term` in `text`, if any (see TermDefinitionFinder). */
export function definitionInText(text: string, term: string): TextDefinition | undefined {
  return new TermDefinitionFinder(term).find(text);
}
