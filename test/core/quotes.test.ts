import { describe, expect, it } from 'vitest';
import { overlap, pickQuotes, quoteSpan, sentences, type QuoteCandidate } from '../../src/core/render/quotes.js';

const text = 'Staff were consulted in 2021. Women of African descent reported the lowest agreement that promotion decisions are fair. The staff survey on racism at work closed in May with 1,200 answers.';

function candidate(over: Partial<QuoteCandidate> & { segmentId: number; documentId: number }): QuoteCandidate {
  return { segmentText: text, segmentStart: 100, start: 100, end: 100 + text.length, tier: 1, confidence: 0.5, docType: 'report', coders: ['auto'], ...over };
}

describe('quotes', () => {
  it('splits sentences at their ends, not at abbreviations before lower-case words', () => {
    expect(sentences('One e.g. two. Three! "Four" five.').map(([s, e]) => 'One e.g. two. Three! "Four" five.'.slice(s, e))).toEqual(['One e.g. two.', 'Three!', '"Four" five.']);
  });

  it('quotes the sentence that holds the coded words, not the whole paragraph', () => {
    const at = text.indexOf('promotion');
    const [s, e] = quoteSpan(text, at, at + 'promotion'.length);
    expect(text.slice(s, e)).toBe('Women of African descent reported the lowest agreement that promotion decisions are fair.');
  });

  it('cuts a very long sentence to the clauses around the evidence, marked with ellipses', () => {
    const long = `Many reported progress: ${Array.from({ length: 12 }, (_, i) => `agency ${i} has appointed diversity champions in ${i + 2} recruitment panels across its regional offices`).join('; ')}.`;
    const at = long.indexOf('agency 7');
    const [q] = pickQuotes([candidate({ segmentId: 9, documentId: 1, segmentText: long, start: 100, end: 100 + long.length, evidence: { start: 100 + at, end: 100 + at + 8 } })], 1);
    expect(q!.text.length).toBeLessThanOrEqual(602);
    expect(q!.text).toMatch(/^…agency \d+ has appointed/);
    expect(q!.text).toContain('agency 7 has appointed');
    expect(q!.text.endsWith('…')).toBe(true);
  });

  it('quotes the evidence of a whole-segment auto coding, with its page offsets', () => {
    const at = 100 + text.indexOf('survey');
    const [q] = pickQuotes([candidate({ segmentId: 1, documentId: 1, evidence: { start: at, end: at + 6 } })], 1);
    expect(q!.text).toBe('The staff survey on racism at work closed in May with 1,200 answers.');
    expect(q!.start).toBe(100 + text.indexOf('The staff survey'));
  });

  it("puts people's codings first, then confidence, one per document and type before repeats, without near-duplicates", () => {
    const at = 100 + text.indexOf('promotion');
    const ev = { start: at, end: at + 9 };
    const other = 'Managers said that career progression for national staff was slower than for international staff.';
    const picks = pickQuotes(
      [
        candidate({ segmentId: 1, documentId: 1, evidence: ev, confidence: 0.9 }),
        candidate({ segmentId: 2, documentId: 2, evidence: ev, confidence: 0.8 }), // the same sentence again
        candidate({ segmentId: 3, documentId: 1, segmentText: other, start: 100, end: 100 + other.length, tier: 0, confidence: 1, coders: ['amina'] }),
        candidate({ segmentId: 4, documentId: 3, segmentText: other.replace('Managers', 'Supervisors'), start: 100, end: 200, docType: 'policy', confidence: 0.3 }),
      ],
      3,
    );
    // 3 is a person's; 4 says what 3 says; 2 comes from a document not yet quoted, and 1 then repeats 2.
    expect(picks.map((p) => p.candidate.segmentId)).toEqual([3, 2]);
    expect(overlap(other, other.replace('Managers', 'Supervisors'))).toBeGreaterThan(0.8);
  });
});
