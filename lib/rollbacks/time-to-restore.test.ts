import { describe, expect, it } from "vitest";
import { timeToRestore } from "./time-to-restore";

describe("timeToRestore", () => {
  it("runs from the bad deploy's start to the rollback's finish", () => {
    expect(timeToRestore({ startedAt: 1_000 }, { finishedAt: 28 * 60_000 + 1_000 })).toBe(28 * 60_000);
  });

  it("is unknown while the rollback runs or without the bad deploy", () => {
    expect(timeToRestore({ startedAt: 1_000 }, { finishedAt: null })).toBeNull();
    expect(timeToRestore(null, { finishedAt: 5_000 })).toBeNull();
  });
});
