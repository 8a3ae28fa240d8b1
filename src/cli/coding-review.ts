import { highlightSentences } from '../core/coding/highlight.js';
import type { CodingInfo, DecisionInfo } from '../core/coding/index.js';

const VERB = { accept: 'Accepted', reject: 'Rejected', recode: 'Recoded' } as const;

/** The one line printed for a decision, by `code review` and `code decide` alike. */
export function decisionLine(d: DecisionInfo): string {
  const recode = d.decision === 'recode' ? ` as ${d.recodedTo}${d.manualCodingId ? ` (coding #${d.manualCodingId})` : ''}` : '';
  return `${VERB[d.decision]} #${d.codingId} ${d.code}${recode} by ${d.coder}: ${d.citation}`;
}

/** Marks matched words: bold and underlined on a terminal, **so** elsewhere. */
export function marker(tty: boolean): (s: string) => string {
  return tty && !process.env.NO_COLOR && process.env.FORCE_COLOR !== '0' ? (s) => `\u001b[1;4m${s}\u001b[0m` : (s) => `**${s}**`;
}

/** What `code review` shows of a coding: code, confidence, citation, the rules, and the sentences with the matched words marked. */
export function reviewCard(c: CodingInfo, label: string, mark: (s: string) => string): string {
  const ev = (c.evidence ?? {}) as { hits?: { rule: string; start: number; end: number }[]; confidence?: { rules?: string[] } };
  const hits = ev.hits ?? [];
  const rules = ev.confidence?.rules ?? [...new Set(hits.map((h) => h.rule))];
  const how = c.coder === 'suggest' ? `suggested, probability ${(c.score ?? 0).toFixed(2)}` : `confidence ${c.score === null ? 'unknown' : c.score.toFixed(2)}`;
  const text = highlightSentences(c.excerpt, hits.map((h) => [h.start - c.start, h.end - c.start]), mark);
  return [`#${c.id}  ${c.code} (${label})  ${how}`, `${c.citation}${rules.length ? `   fired: ${rules.join(', ')}` : ''}`, `  ${text}`].join('\n');
}
