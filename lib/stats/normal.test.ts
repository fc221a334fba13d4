import { describe, expect, it } from "vitest";
import { normalCdf } from "./normal";

describe("normalCdf", () => {
  it("matches the standard normal table", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.1586553, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.575829)).toBeCloseTo(0.005, 6);
    expect(normalCdf(3)).toBeCloseTo(0.9986501, 6);
  });

  it("keeps precision far in the tail", () => {
    // Φ(−5) = 2.866516e-7
    expect(normalCdf(-5) / 2.866516e-7).toBeCloseTo(1, 5);
  });
});
