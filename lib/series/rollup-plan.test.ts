import { describe, expect, it } from "vitest";
import { rollupPlan } from "./rollup-plan";

const MIN = 60_000;
const HOUR = 3_600_000;
const cutoffs = { raw: 100 * HOUR + 30 * MIN, "1m": 50 * HOUR + 30 * MIN, "1h": 0 };

describe("rollupPlan", () => {
  it("merges every point of an append", () => {
    const points: [number, number][] = [[200 * HOUR, 1], [200 * HOUR + MIN, 2]];
    expect(rollupPlan(points, true, cutoffs)).toEqual({ "1m": { merge: points, recompute: null }, "1h": { merge: points, recompute: null } });
  });

  it("rebuilds buckets still fully kept below, and merges into the ones retention has begun to purge", () => {
    const recent: [number, number] = [200 * HOUR + 5 * MIN + 10_000, 1];
    const pastRaw: [number, number] = [80 * HOUR, 2];
    const pastOneMinute: [number, number] = [10 * HOUR, 3];
    const plan = rollupPlan([recent, pastRaw, pastOneMinute], false, cutoffs);
    expect(plan["1m"]).toEqual({ merge: [pastRaw, pastOneMinute], recompute: { from: 200 * HOUR + 5 * MIN, to: 200 * HOUR + 6 * MIN } });
    expect(plan["1h"]).toEqual({ merge: [pastOneMinute], recompute: { from: 80 * HOUR, to: 201 * HOUR } });
  });

  it("treats the bucket the cutoff falls in as purged", () => {
    const straddling: [number, number] = [100 * HOUR + 45 * MIN, 1];
    expect(rollupPlan([straddling], false, { ...cutoffs, raw: 100 * HOUR + 45 * MIN + 1 })["1m"].merge).toEqual([straddling]);
    expect(rollupPlan([straddling], false, cutoffs)["1m"].merge).toEqual([]);
  });
});
