/**
 * Platt scaling: maps a classifier's scores to probabilities with P(yes | s) = 1 / (1 + e^(A·s + B)),
 * A and B fitted by Newton's method on held-out scores with Platt's smoothed targets (so that a
 * few examples do not give probabilities of exactly 0 or 1), following Lin, Lin and Weng's
 * numerically stable version (2007). Returns the mapping.
 */
export function plattScaling(scores: number[], labels: boolean[]): (score: number) => number {
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const t = labels.map((l) => (l ? hi : lo));
  let a = 0;
  let b = Math.log((negatives + 1) / (positives + 1));
  const loss = (a_: number, b_: number) =>
    scores.reduce((sum, s, i) => {
      const f = s * a_ + b_;
      return sum + (f >= 0 ? t[i]! * f + Math.log1p(Math.exp(-f)) : (t[i]! - 1) * f + Math.log1p(Math.exp(f)));
    }, 0);
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    scores.forEach((s, i) => {
      const f = s * a + b;
      const p = f >= 0 ? Math.exp(-f) / (1 + Math.exp(-f)) : 1 / (1 + Math.exp(f));
      const q = 1 - p;
      const d2 = p * q;
      h11 += s * s * d2;
      h22 += d2;
      h21 += s * d2;
      const d1 = t[i]! - p;
      g1 += s * d1;
      g2 += d1;
    });
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * da + g2 * db;
    let step = 1;
    while (step >= 1e-10) {
      const next = loss(a + step * da, b + step * db);
      if (next < current + 1e-4 * step * gd) {
        a += step * da;
        b += step * db;
        current = next;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return (score) => {
    const f = score * a + b;
    return f >= 0 ? Math.exp(-f) / (1 + Math.exp(-f)) : 1 / (1 + Math.exp(f));
  };
}
