import { normalCdf } from "./normal";

/** The outcome of a two-sided Mann–Whitney U (Wilcoxon rank-sum) test of x against y. */
export interface MannWhitneyResult {
  /** U of x: the pairs (xᵢ, yⱼ) with xᵢ > yⱼ, ties counting one half (R's W). */
  u: number;
  nX: number;
  nY: number;
  /** The continuity-corrected z of the normal approximation; null when the p-value is exact. */
  z: number | null;
  pValue: number;
  method: "exact" | "normal";
  /** Rank-biserial correlation 2U/(nX·nY) − 1, in [−1, 1]: +1 when every x exceeds every y. */
  effect: number;
}

// R's wilcox.test switches to the normal approximation at 50 per sample, and whenever there
// are ties, because the exact null distribution assumes distinct values.
const EXACT_BELOW = 50;

/**
 * Two-sided Mann–Whitney U test: do x and y come from the same distribution? Ties get
 * average ranks. Without ties and with fewer than 50 values per sample the p-value is exact;
 * otherwise it comes from the normal approximation with tie correction and continuity
 * correction — the same choices as R's `wilcox.test(x, y)`. Throws on an empty sample.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const nX = x.length;
  const nY = y.length;
  if (nX === 0 || nY === 0) throw new RangeError("Mann–Whitney U needs at least one value in each sample");
  const { ranks, tieTerm } = averageRanks([...x, ...y]);
  let rankSumX = 0;
  for (let i = 0; i < nX; i++) rankSumX += ranks[i];
  const u = rankSumX - (nX * (nX + 1)) / 2;
  const effect = (2 * u) / (nX * nY) - 1;

  if (tieTerm === 0 && nX < EXACT_BELOW && nY < EXACT_BELOW) {
    return { u, nX, nY, z: null, pValue: exactTwoSided(u, nX, nY), method: "exact", effect };
  }
  const n = nX + nY;
  const sigma = Math.sqrt(((nX * nY) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (sigma === 0) return { u, nX, nY, z: 0, pValue: 1, method: "normal", effect };
  const centred = u - (nX * nY) / 2;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  const pValue = Math.min(1, 2 * Math.min(normalCdf(z), normalCdf(-z)));
  return { u, nX, nY, z, pValue, method: "normal", effect };
}

/** Ranks 1..n with ties sharing their average rank, and Σ(t³ − t) over groups of t tied values. */
function averageRanks(values: readonly number[]): { ranks: Float64Array; tieTerm: number } {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    const t = end - start;
    tieTerm += t * t * t - t;
    start = end;
  }
  return { ranks, tieTerm };
}

/** R's rule: double the smaller tail, taking the tail on U's side of the centre. */
function exactTwoSided(u: number, nX: number, nY: number): number {
  const probabilities = exactDistribution(nX, nY);
  let tail = 0;
  if (u > (nX * nY) / 2) for (let k = Math.ceil(u); k < probabilities.length; k++) tail += probabilities[k];
  else for (let k = 0; k <= Math.floor(u); k++) tail += probabilities[k];
  return Math.min(1, 2 * tail);
}

/**
 * P(U = u) for u = 0..m·n under the null hypothesis, without ties. The largest of the m + n
 * values is an x with probability m/(m+n), and then beats all n y's:
 * P_{m,n}(u) = m/(m+n)·P_{m−1,n}(u−n) + n/(m+n)·P_{m,n−1}(u). Probabilities rather than
 * counts keep every term positive and within floating-point range.
 */
export function exactDistribution(m: number, n: number): Float64Array {
  let previous: Float64Array[] = Array.from({ length: n + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const current: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const row = new Float64Array(i * j + 1);
      const xLargest = previous[j];
      const yLargest = current[j - 1];
      for (let u = 0; u < row.length; u++) {
        const viaX = u >= j && u - j < xLargest.length ? xLargest[u - j] : 0;
        const viaY = u < yLargest.length ? yLargest[u] : 0;
        row[u] = (i / (i + j)) * viaX + (j / (i + j)) * viaY;
      }
      current.push(row);
    }
    previous = current;
  }
  return previous[n];
}
