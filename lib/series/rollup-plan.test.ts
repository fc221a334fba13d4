import { describe, expect, it } from "vitest";
import { columnsOf, pairsOf } from "./chunks/columns";
import { rollupPlan as planColumns } from "./rollup-plan";

/** rollupPlan on pairs, its merges as pairs: the cases read better so. */
function rollupPlan(points: [number, number][], appends: boolean, cutoff: number, rolled: number) {
  const plan = planColumns(columnsOf(points), appends, cutoff, rolled);
  return {
    "1m": { ...plan["1m"], merge: pairsOf(plan["1m"].merge) },
    "1h": { ...plan["1h"], merge: pairsOf(plan["1h"].merge) },
  };
}

const MIN = 60_000;
const HOUR = 3_600_000;
const oneMinuteCutoff = 50 * HOUR + 30 * MIN;
const rolledUntil = 100 * HOUR;

describe("rollupPlan", () => {
  it("merges every point of an append into the hours, and stores no minute computed from raw points", () => {
    const points: [number, number][] = [[200 * HOUR, 1], [200 * HOUR + MIN, 2]];
    expect(rollupPlan(points, true, oneMinuteCutoff, rolledUntil)).toEqual({ "1m": { merge: [], recompute: null }, "1h": { merge: points, recompute: null } });
  });

  it("merges points before rolled-until into their stored minutes", () => {
    const retired: [number, number] = [80 * HOUR, 2];
    const recent: [number, number] = [200 * HOUR, 1];
    expect(rollupPlan([retired, recent], false, oneMinuteCutoff, rolledUntil)["1m"]).toEqual({ merge: [retired], recompute: null });
    expect(rollupPlan([retired, recent], true, oneMinuteCutoff, rolledUntil)["1m"]).toEqual({ merge: [retired], recompute: null });
  });

  it("rebuilds hours whose minutes are fully kept, and merges into the ones 1m retention has begun to purge", () => {
    const recent: [number, number] = [200 * HOUR + 5 * MIN + 10_000, 1];
    const past: [number, number] = [80 * HOUR, 2];
    const pastOneMinute: [number, number] = [10 * HOUR, 3];
    const plan = rollupPlan([recent, past, pastOneMinute], false, oneMinuteCutoff, rolledUntil);
    expect(plan["1h"]).toEqual({ merge: [pastOneMinute], recompute: { from: 80 * HOUR, to: 201 * HOUR } });
  });

  it("treats the hour the 1m cutoff falls in as purged", () => {
    const straddling: [number, number] = [50 * HOUR + 45 * MIN, 1];
    expect(rollupPlan([straddling], false, oneMinuteCutoff, 0)["1h"].merge).toEqual([straddling]);
    expect(rollupPlan([straddling], false, 50 * HOUR, 0)["1h"].merge).toEqual([]);
  });
});
