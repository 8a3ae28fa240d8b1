import { tokenize } from './text.js';

/** What review decisions say about a rule (or a code): how many decisions, how many accepted. */
export interface RuleRecord {
  decisions: number;
  accepted: number;
}

/** The decisions in force on a code's codings, pooled and per rule that fired. */
export interface CodeRecord extends RuleRecord {
  rules: Map<string, RuleRecord>;
}

export interface ConfidenceInput {
  /** Every hit of the code in the segment; only `rule` and `text` are read. */
  hits: readonly { rule: string; text: string }[];
  /** The text of the segment the code was found in. */
  segmentText: string;
  /** The segment's kind (heading, body, reference, ...), when the project records kinds. */
  kind?: string | null;
  /** The review decisions on this code so far, from `codeRecords`. */
  learned?: CodeRecord;
}

/** A coding's confidence and what it was computed from, stored with the coding's evidence. */
export interface Confidence {
  score: number;
  rules: string[];
  /** Rules that matched words no other counted rule matched. */
  independent: number;
  /** Distinct matched words, lower-cased. */
  words: number;
  /** Words of the distinct matched texts, as a share of the segment's words (at most 1). */
  coverage: number;
  kind: string;
  /** The reliability of each rule that fired: its prior, moved by the review decisions on it and on its code. */
  reliability: { rule: string; prior: number; p: number; decisions: number }[];
}

/**
 * How often a single firing of a rule of each kind is right, before any review. A multi-word
 * phrase or a proximity pair carries its own context, a lone keyword stem the least. On the 176
 * passages of coding-gold/dev.jsonl the kinds barely differ (race-equality version 1's codings were
 * right 0.71 for phrases, 0.73 near, 0.74 keywords, 6 of 6 regexes), so the priors differ only
 * a little; review decisions soon outweigh them. A kind this module does not know (a matcher may
 * add some) gets the keyword prior.
 */
const PRIOR: Record<string, number> = { phrase: 0.65, near: 0.65, context: 0.65, regex: 0.65, keyword: 0.6 };
const UNKNOWN_PRIOR = 0.6;

/**
 * Segment kinds whose words are weak evidence of what a passage is about: a heading names a
 * topic without saying anything about it, a reference list or table of contents only names
 * other works. Kinds not listed (body, list, quote, and any new kind) are not adjusted.
 */
const KIND_SHIFT: Record<string, number> = { heading: -0.4, title: -0.4, caption: -0.4, table: -0.3, footnote: -0.4, header: -1.5, footer: -1.5, boilerplate: -1.5, toc: -2, reference: -2, references: -2, bibliography: -2 };

/**
 * How many decisions the prior is worth. A reliability is shrunk towards what is known above it
 * (rule -> its code -> the kind's prior) as (accepted + M · above) / (decisions + M): one
 * rejection already lowers it; five decisions at precision 0.2 bring a 0.6 prior to 0.4, and to
 * 0.3 when they are both the rule's and all of its code's decisions.
 */
const M = 5;

/** Matches covering less than this share of the segment are a passing mention. */
const FULL_COVERAGE = 0.1;

const logit = (p: number) => Math.log(p / (1 - p));
const clamp = (p: number) => Math.min(0.999, Math.max(0.001, p));

/** The kind of a rule: the prefix before the first colon (`keyword:promot*` is a keyword). */
export function ruleKind(rule: string): string {
  const i = rule.indexOf(':');
  return i > 0 ? rule.slice(0, i) : rule;
}

const shrink = (r: RuleRecord | undefined, above: number) => (r ? (r.accepted + M * above) / (r.decisions + M) : above);

/**
 * The confidence in [0, 1] that an auto coding is right, as a logistic score:
 *
 *   z = logit(max p_r) + 0.3 · ln(rules)     the most reliable rule that fired; more independent rules a little more
 *       + 0.5 · ln(distinct words)           the same idea in several words is more than one mention
 *       + 0.3 · ln(min(1, coverage / 0.1))   a match in a long paragraph may be a passing mention
 *       + shift(kind)                        a heading or a reference list names, it does not discuss
 *   confidence = 1 / (1 + e^-z)
 *
 * p_r is the rule's reliability: its kind's prior, shrunk towards the precision reviewers gave
 * the code, then towards the rule's own (see M), so rules and codes reviewers mostly reject pull
 * their later codings down. The maximum rather than a noisy-OR of the rules, since rules of a
 * code often fire on the same words: on the gold set, version 1's codings with 1, 2 and 3 rules were right
 * 0.71, 0.67 and 0.76 of the time. Distinct words separated best (1: 0.66, 2: 0.75, 3: 0.81,
 * 4 or more: 0.85). The weights are small so that no one factor decides; bench/coding-learning.js
 * measures how well the score separates right from wrong codings before and after review.
 */
export function confidence(input: ConfidenceInput): Confidence {
  const rules = [...new Set(input.hits.map((h) => h.rule))];
  const code = input.learned;
  const reliability = rules.map((rule) => {
    const prior = PRIOR[ruleKind(rule)] ?? UNKNOWN_PRIOR;
    const own = code?.rules.get(rule);
    return { rule, prior, p: shrink(own, shrink(code, prior)), decisions: own?.decisions ?? 0 };
  });
  const best = reliability.length ? Math.max(...reliability.map((r) => r.p)) : UNKNOWN_PRIOR;
  const independent = independentRules(input.hits);
  const words = new Set(input.hits.flatMap((h) => tokenize(h.text).map((t) => t.lower)));
  // Each distinct matched text once: rules that fire on the same words do not cover more of the segment.
  const matchedTokens = [...new Set(input.hits.map((h) => h.text.toLowerCase()))].reduce((n, t) => n + tokenize(t).length, 0);
  const segmentTokens = Math.max(1, tokenize(input.segmentText).length);
  const coverage = Math.min(1, matchedTokens / segmentTokens);
  const kind = input.kind ?? 'body';
  const z =
    logit(clamp(best)) +
    0.3 * Math.log(Math.max(1, independent)) +
    0.5 * Math.log(Math.max(1, words.size)) +
    0.3 * Math.log(Math.min(1, Math.max(coverage, 1e-3) / FULL_COVERAGE)) +
    (KIND_SHIFT[kind] ?? 0);
  return { score: 1 / (1 + Math.exp(-z)), rules, independent, words: words.size, coverage, kind, reliability };
}

/**
 * Rules that add evidence: a rule whose matched words were all matched by rules already counted
 * adds none (keywords `ethnic`, `ethnicity` and `ethnicities` share a stem and fire together).
 */
function independentRules(hits: readonly { rule: string; text: string }[]): number {
  const textsOf = new Map<string, Set<string>>();
  for (const h of hits) textsOf.set(h.rule, (textsOf.get(h.rule) ?? new Set()).add(h.text.toLowerCase()));
  const seen = new Set<string>();
  let n = 0;
  for (const texts of [...textsOf.values()].sort((a, b) => b.size - a.size)) {
    if ([...texts].every((t) => seen.has(t))) continue;
    n++;
    texts.forEach((t) => seen.add(t));
  }
  return n;
}
