import { describe, expect, it } from 'vitest';
import { agreementStats, cohensKappa, krippendorffAlpha } from '../../src/core/coding/agreement.js';

describe('agreement statistics', () => {
  it("Cohen's kappa: 50 proposals, both yes 20, A yes B no 5, A no B yes 10, both no 15 gives 0.4", () => {
    // The worked example of the Wikipedia article "Cohen's kappa": po = 0.7, pe = 0.5, kappa = 0.4.
    expect(cohensKappa({ both: 20, firstOnly: 5, secondOnly: 10, neither: 15 })).toBeCloseTo(0.4, 10);
  });

  it("Krippendorff's alpha: the binary two-observer example of Krippendorff (2011) gives 0.095", () => {
    // Krippendorff, K. (2011) Computing Krippendorff's Alpha-Reliability, section A: observers
    // A = 0 1 0 0 0 0 0 0 1 0 and B = 1 1 1 0 0 1 0 0 0 0 over ten units; o01 = o10 = 4,
    // n0 = 14, n1 = 6, n = 20, alpha = 1 - 19 * 4 / (14 * 6) = 0.095.
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const t = { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
    a.forEach((x, i) => {
      if (x && b[i]) t.both++;
      else if (x) t.firstOnly++;
      else if (b[i]) t.secondOnly++;
      else t.neither++;
    });
    expect(krippendorffAlpha(t)).toBeCloseTo(1 - (19 * 4) / (14 * 6), 10);
    expect(krippendorffAlpha(t)!.toFixed(3)).toBe('0.095');
  });

  it('perfect agreement gives 1 for both; no variation leaves them undefined', () => {
    expect(agreementStats({ both: 3, firstOnly: 0, secondOnly: 0, neither: 7 })).toMatchObject({ percentAgreement: 1, kappa: 1, alpha: 1 });
    expect(agreementStats({ both: 0, firstOnly: 0, secondOnly: 0, neither: 10 })).toMatchObject({ percentAgreement: 1, kappa: null, alpha: null });
  });
});
