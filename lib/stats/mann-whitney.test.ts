import { describe, expect, it } from "vitest";
import { exactDistribution, mannWhitneyU } from "./mann-whitney";

describe("mannWhitneyU", () => {
  it("matches R's wilcox.test on the Hollander & Wolfe depression example (exact)", () => {
    // ?wilcox.test: wilcox.test(x, y, alternative = "g") → W = 35, p-value = 0.1272
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const result = mannWhitneyU(x, y);
    expect(result).toMatchObject({ u: 35, nX: 10, nY: 5, method: "exact", z: null });
    expect(result.pValue).toBeCloseTo(2 * 0.1272061, 6);
    const swapped = mannWhitneyU(y, x);
    expect(swapped.u).toBe(15);
    expect(swapped.pValue).toBeCloseTo(result.pValue, 12);
  });

  it("uses average ranks and the tie-corrected normal approximation when values tie", () => {
    // By hand: ranks of x = 1, 2.5, 2.5, 5, 7.5, 10, 10, 13 → R₁ = 51.5, U = 51.5 − 36 = 15.5.
    // Tie groups of 2, 3, 2, 3, 3 → Σ(t³ − t) = 84; σ² = 64/12 · (17 − 84/240) = 88.8.
    // z = (15.5 − 32 + 0.5)/√88.8 = −1.69790; p = 2Φ(z) = 0.08953 (R: W = 15.5, p-value = 0.08953).
    const result = mannWhitneyU([1, 2, 2, 3, 4, 5, 5, 6], [3, 3, 4, 5, 6, 6, 7, 8]);
    expect(result.method).toBe("normal");
    expect(result.u).toBe(15.5);
    expect(result.z).toBeCloseTo(-1.6979, 4);
    expect(result.pValue).toBeCloseTo(0.0895256, 6);
  });

  it("uses the normal approximation from 50 values per sample", () => {
    const x = Array.from({ length: 50 }, (_, i) => i * 2);
    const y = Array.from({ length: 50 }, (_, i) => i * 2 + 21);
    const result = mannWhitneyU(x, y);
    expect(result.method).toBe("normal");
    // U = Σ over x of the y's below it: y = 21, 23, … → for x = 2k, #{j : 2j + 21 < 2k} = max(0, k − 10)
    expect(result.u).toBe(Array.from({ length: 50 }, (_, k) => Math.max(0, k - 10)).reduce((a, b) => a + b));
    // σ = √(2500 · 101 / 12) = 145.05; z = (780 − 1250 + 0.5)/145.05 = −3.2368; p = 0.001209
    expect(result.z).toBeCloseTo(-3.2368, 3);
    expect(result.pValue).toBeCloseTo(0.001209, 5);
  });

  it("gives p = 1 when every value is the same and an effect of ±1 at full separation", () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5])).toMatchObject({ pValue: 1, effect: 0 });
    expect(mannWhitneyU([10, 11, 12], [1, 2, 3]).effect).toBe(1);
    expect(mannWhitneyU([1, 2, 3], [10, 11, 12]).effect).toBe(-1);
  });

  it("refuses an empty sample", () => {
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
  });
});

describe("exactDistribution", () => {
  it("agrees with enumerating every arrangement", () => {
    for (const [m, n] of [[1, 1], [2, 3], [4, 5], [6, 3]]) {
      const counts = new Array(m * n + 1).fill(0);
      let total = 0;
      for (let mask = 0; mask < 1 << (m + n); mask++) {
        if (popcount(mask) !== m) continue;
        // Bit k set: the k-th smallest value is an x, beating every y below it.
        let u = 0;
        let ysBelow = 0;
        for (let k = 0; k < m + n; k++) {
          if (mask & (1 << k)) u += ysBelow;
          else ysBelow++;
        }
        counts[u]++;
        total++;
      }
      const exact = exactDistribution(m, n);
      counts.forEach((c, u) => expect(exact[u]).toBeCloseTo(c / total, 12));
    }
  });

  it("reproduces the published critical value for n₁ = n₂ = 10 (two-sided α = 0.05 → U ≤ 23)", () => {
    const p = exactDistribution(10, 10);
    const cdf = (u: number) => p.slice(0, u + 1).reduce((a, b) => a + b, 0);
    expect(cdf(23)).toBeLessThanOrEqual(0.025);
    expect(cdf(24)).toBeGreaterThan(0.025);
  });
});

function popcount(n: number): number {
  let count = 0;
  for (let v = n; v; v &= v - 1) count++;
  return count;
}
