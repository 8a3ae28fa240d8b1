// The stopping rule of Callaghan & Müller-Hansen (2020), "Statistical stopping criteria for
// automated screening in systematic reviews", Systematic Reviews 9:273. After prioritised
// screening has found r_AL relevant records, the N records left form an urn; n of them are drawn
// at random and screened, and k are relevant. The null hypothesis is that recall is below the
// target τ. Under it the urn holds at least K_tar = ⌊(r_AL + k)/τ − r_AL + 1⌋ relevant records
// (the fewest that would leave recall (r_AL + k)/(r_AL + K_tar) < τ), and the chance of seeing k or
// fewer in the sample is the hypergeometric CDF P(X ≤ k; N, K_tar, n). When that p falls below
// 1 − confidence, the hypothesis is rejected: recall ≥ τ with that confidence, and screening stops.

/** ln Γ(x) for x > 0, by the Lanczos approximation (g = 7, nine terms; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln C(n, k). */
export function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * P(X ≤ k) for X hypergeometric: `draws` taken without replacement from `population` items of
 * which `successes` are marked. Sums the probabilities of the possible values up to k.
 */
export function hypergeometricCdf(k: number, population: number, successes: number, draws: number): number {
  const low = Math.max(0, draws - (population - successes));
  const high = Math.min(k, successes, draws);
  if (high < low) return 0;
  if (k >= Math.min(successes, draws)) return 1;
  const all = logChoose(population, draws);
  let p = 0;
  for (let x = low; x <= high; x++) p += Math.exp(logChoose(successes, x) + logChoose(population - successes, draws - x) - all);
  return Math.min(1, p);
}

/**
 * K_tar: the fewest relevant records the urn would hold if recall were below the target, given
 * the relevant records found before sampling (`before`) and in the sample (`inSample`). Computed in
 * integers (the target as millionths) so that 95 found at τ = 0.95 gives 6, not 5 from 99.999….
 */
export function relevantLeftUnderH0(before: number, inSample: number, target: number): number {
  const t = Math.round(target * 1e6);
  const seen = (before + inSample) * 1e6;
  // The fewest total relevant R with seen / R < τ: R = ⌊seen / τ⌋ + 1.
  const total = (seen - (seen % t)) / t + 1;
  return total - before;
}

export interface RecallTest {
  /** Records in the urn when sampling began (not screened by prioritisation). */
  urn: number;
  /** Records drawn at random from it and screened, and how many of those were relevant. */
  sampled: number;
  sampledRelevant: number;
  /** Relevant records found by prioritised screening before the sample. */
  relevantBefore: number;
  /** K_tar of the paper. */
  relevantLeftUnderH0: number;
  /** The p-value of the null hypothesis "recall < target". */
  p: number;
  stop: boolean;
  /** Random records still to screen, if none of them is relevant, before the test could stop (0 when it stops). */
  more: number;
}

/** The stopping test for a sample (see the comment at the top of this file), and how many more random records it needs. */
export function recallTest(input: { urn: number; sampled: number; sampledRelevant: number; relevantBefore: number }, target = 0.95, confidence = 0.95): RecallTest {
  if (!(target > 0 && target < 1) || !(confidence > 0 && confidence < 1)) throw new RangeError('the recall target and the confidence are between 0 and 1');
  const { urn, sampled, sampledRelevant, relevantBefore } = input;
  const kTar = relevantLeftUnderH0(relevantBefore, sampledRelevant, target);
  // Under H0 the urn would need more relevant records than it has records: H0 is impossible.
  const pAt = (n: number) => (kTar > urn ? 0 : hypergeometricCdf(sampledRelevant, urn, kTar, n));
  const alpha = 1 - confidence;
  const p = pAt(sampled);
  let more = 0;
  if (p >= alpha) {
    // p falls as the sample grows while no relevant record turns up: the smallest size below alpha.
    let [lo, hi] = [sampled + 1, urn];
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (pAt(mid) < alpha) hi = mid;
      else lo = mid + 1;
    }
    more = lo - sampled;
  }
  return { urn, sampled, sampledRelevant, relevantBefore, relevantLeftUnderH0: kTar, p, stop: p < alpha, more };
}
